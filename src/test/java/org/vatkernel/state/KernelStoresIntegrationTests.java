package org.vatkernel.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.CapData;
import org.vatkernel.model.GcActionType;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatRef;
import org.vatkernel.model.VatState;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kernel repository against the Flyway schema on this run's database engine (H2 in the
 * default run, a real PostgreSQL server in the {@code postgres} run). Each test runs in a
 * transaction that is rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ BundleStore.class, VatStore.class, ClistStore.class, KernelStateStore.class, ObjectStore.class,
		PromiseStore.class, QueueStore.class, SnapshotStore.class, StateHashStore.class, TestLogStore.class,
		TranscriptStore.class, VatKvStore.class, GcActionStore.class, ActivityLog.class, CrankBuffer.class,
		StateConfiguration.class })
class KernelStoresIntegrationTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	VatStore vats;

	@BeforeEach
	void vat(@Autowired BundleStore bundles) {
		bundles.add("b1-x", "{\"moduleFormat\":\"endoZipBase64\"}");
		this.vats.insert(VatId.of("v1"), "one", "b1-x", "{\"metered\":true}");
	}

	@Test
	void runsOnTheEngineThisRunAskedFor(@Autowired javax.sql.DataSource dataSource) throws Exception {
		try (var c = dataSource.getConnection()) {
			assertThat(c.getMetaData().getDatabaseProductName())
				.isEqualTo(TestDatabase.isPostgres() ? "PostgreSQL" : "H2");
		}
	}

	@Test
	void bundlesAndVats(@Autowired BundleStore bundles) {
		assertThat(bundles.find("b1-x")).contains("{\"moduleFormat\":\"endoZipBase64\"}");
		assertThat(bundles.find("b1-y")).isEmpty();
		VatRecord v1 = this.vats.find(VatId.of("v1")).orElseThrow();
		assertThat(v1.name()).isEqualTo("one");
		assertThat(v1.state()).isEqualTo(VatState.RUNNING);
		assertThat(v1.terminatedCrank()).isNull();
		assertThat(this.vats.findByName("one")).contains(v1);
		assertThat(this.vats.allocateVrefNumber(VatId.of("v1"), "object")).isEqualTo(50);
		assertThat(this.vats.allocateVrefNumber(VatId.of("v1"), "object")).isEqualTo(51);
		assertThat(this.vats.allocateVrefNumber(VatId.of("v1"), "promise")).isEqualTo(60);
		this.vats.markTerminated(VatId.of("v1"), "vat terminated by test", "OPERATOR", 7);
		assertThat(this.vats.isRunning(VatId.of("v1"))).isFalse();
		assertThat(this.vats.find(VatId.of("v1")).orElseThrow().terminationCause()).isEqualTo("OPERATOR");
		assertThat(this.vats.find(VatId.of("v1")).orElseThrow().terminatedCrank()).isEqualTo(7L);
		assertThat(this.vats.all()).extracting(VatRecord::vatId).containsExactly(VatId.of("v1"));
	}

	@Test
	void countersAndSettings(@Autowired KernelStateStore state, @Autowired ActivityLog activity) {
		assertThat(state.newObjectKref()).isEqualTo(KernelRef.of("ko20"));
		assertThat(state.newObjectKref()).isEqualTo(KernelRef.of("ko21"));
		assertThat(state.newPromiseKpid()).isEqualTo(KernelRef.of("kp40"));
		assertThat(state.newVatId()).isEqualTo(VatId.of("v1"));
		long crank = state.crankNumber();
		String hash = activity.sealCrank(crank);
		assertThat(state.crankNumber()).isEqualTo(crank + 1);
		assertThat(hash).matches("[0-9a-f]{64}");

		assertThat(state.setting("x")).isEmpty();
		state.putSetting("x", "1");
		state.putSetting("x", "2");
		assertThat(state.setting("x")).contains("2");
	}

	@Test
	void clistBothWays(@Autowired ClistStore clist) {
		clist.insert(new ClistEntry(VatId.of("v1"), KernelRef.of("ko20"), VatRef.of("o+0"), true));
		clist.insert(new ClistEntry(VatId.of("v1"), KernelRef.of("kp40"), VatRef.of("p-60"), true));
		assertThat(clist.byVref(VatId.of("v1"), VatRef.of("o+0"))).map(ClistEntry::kref).contains(KernelRef.of("ko20"));
		assertThat(clist.byKref(VatId.of("v1"), KernelRef.of("kp40"))).map(ClistEntry::vref).contains(VatRef.of("p-60"));
		clist.setReachable(VatId.of("v1"), KernelRef.of("ko20"), false);
		assertThat(clist.byKref(VatId.of("v1"), KernelRef.of("ko20"))).map(ClistEntry::reachable).contains(false);
		clist.insert(new ClistEntry(VatId.of("v1"), KernelRef.of("ko21"), VatRef.of("o-50"), true));
		this.vats.insert(VatId.of("v2"), "two", "b1-x", "{}");
		clist.insert(new ClistEntry(VatId.of("v2"), KernelRef.of("ko21"), VatRef.of("o-51"), false));
		assertThat(clist.withVrefPrefix(VatId.of("v1"), "o+", 10)).extracting(e -> e.kref().value()).containsExactly("ko20");
		assertThat(clist.withVrefPrefix(VatId.of("v1"), "o-", 10)).extracting(e -> e.kref().value()).containsExactly("ko21");
		assertThat(clist.page(VatId.of("v1"), "ko20", 10)).extracting(e -> e.kref().value()).containsExactly("ko21", "kp40");
		assertThat(clist.size(VatId.of("v1"))).isEqualTo(3);
		assertThat(clist.total()).isEqualTo(4);
		clist.delete(VatId.of("v1"), KernelRef.of("kp40"));
		assertThat(clist.forVat(VatId.of("v1"))).extracting(e -> e.kref().value()).containsExactly("ko20", "ko21");
	}

	@Test
	void garbageCollectionBookkeeping(@Autowired ObjectStore objects, @Autowired PromiseStore promises,
			@Autowired ClistStore clist, @Autowired GcActionStore actions) {
		objects.insert(KernelRef.of("ko21"), VatId.of("v1"));
		assertThat(objects.adjustCounts(KernelRef.of("ko21"), 1, 2)).hasValueSatisfying(o -> {
			assertThat(o.reachableCount()).isEqualTo(1);
			assertThat(o.recognizableCount()).isEqualTo(2);
		});
		assertThat(objects.adjustCounts(KernelRef.of("ko99"), 1, 1)).isEmpty();
		this.vats.insert(VatId.of("v2"), "two", "b1-x", "{}");
		this.vats.insert(VatId.of("v3"), "three", "b1-x", "{}");
		clist.insert(new ClistEntry(VatId.of("v3"), KernelRef.of("ko21"), VatRef.of("o-50"), true));
		clist.insert(new ClistEntry(VatId.of("v2"), KernelRef.of("ko21"), VatRef.of("o-52"), true));
		clist.insert(new ClistEntry(VatId.of("v1"), KernelRef.of("ko21"), VatRef.of("o+7"), true));
		assertThat(objects.importers(KernelRef.of("ko21"))).containsExactly(VatId.of("v2"), VatId.of("v3"));

		promises.insert(KernelRef.of("kp41"), null, ResolutionPolicy.IGNORE);
		promises.addExternalRef(KernelRef.of("kp41"));
		assertThat(promises.adjustRefCount(KernelRef.of("kp41"), 2)).contains(3);
		assertThat(promises.refCounts()).singleElement()
			.isEqualTo(new PromiseStore.RefCount(KernelRef.of("kp41"), 3, 1));
		promises.enqueue(KernelRef.of("kp41"), "{\"m\":1}");
		promises.delete(KernelRef.of("kp41"));
		assertThat(promises.find(KernelRef.of("kp41"))).isEmpty();
		assertThat(promises.count()).isZero();

		actions.add(VatId.of("v2"), GcActionType.RETIRE_IMPORT, KernelRef.of("ko21"));
		actions.add(VatId.of("v1"), GcActionType.DROP_EXPORT, KernelRef.of("ko21"));
		actions.add(VatId.of("v1"), GcActionType.DROP_EXPORT, KernelRef.of("ko21"));
		assertThat(actions.all()).containsExactly(new GcActionStore.GcAction(VatId.of("v1"), GcActionType.DROP_EXPORT, KernelRef.of("ko21")),
				new GcActionStore.GcAction(VatId.of("v2"), GcActionType.RETIRE_IMPORT, KernelRef.of("ko21")));
		assertThat(actions.countForVat(VatId.of("v1"))).isEqualTo(1);
		actions.delete(new GcActionStore.GcAction(VatId.of("v1"), GcActionType.DROP_EXPORT, KernelRef.of("ko21")));
		assertThat(actions.count()).isEqualTo(1);
		assertThat(actions.isEmpty()).isFalse();
	}

	@Test
	void objectsAndPromises(@Autowired ObjectStore objects, @Autowired PromiseStore promises) {
		objects.insert(KernelRef.of("ko20"), VatId.of("v1"));
		assertThat(objects.pin(KernelRef.of("ko20"))).isTrue();
		assertThat(objects.find(KernelRef.of("ko20"))).hasValueSatisfying(o -> {
			assertThat(o.ownerVatId()).isEqualTo(VatId.of("v1"));
			assertThat(o.pinned()).isTrue();
		});
		assertThat(objects.pin(KernelRef.of("ko20"))).as("already pinned").isFalse();
		objects.orphan(KernelRef.of("ko20"));
		assertThat(objects.find(KernelRef.of("ko20")).orElseThrow().ownerVatId()).isNull();
		objects.delete(KernelRef.of("ko20"));
		assertThat(objects.find(KernelRef.of("ko20"))).isEmpty();

		promises.insert(KernelRef.of("kp40"), VatId.of("v1"), ResolutionPolicy.IGNORE);
		promises.addSubscriber(KernelRef.of("kp40"), VatId.of("v1"));
		promises.enqueue(KernelRef.of("kp40"), "{\"m\":1}");
		promises.enqueue(KernelRef.of("kp40"), "{\"m\":2}");
		assertThat(promises.decidedBy(VatId.of("v1"))).containsExactly(KernelRef.of("kp40"));
		assertThat(promises.subscribers(KernelRef.of("kp40"))).containsExactly(VatId.of("v1"));
		assertThat(promises.queued(KernelRef.of("kp40"))).containsExactly("{\"m\":1}", "{\"m\":2}");
		assertThat(promises.queueLength(KernelRef.of("kp40"))).isEqualTo(2);
		promises.deleteQueue(KernelRef.of("kp40"));
		promises.deleteSubscribers(KernelRef.of("kp40"));
		promises.resolve(KernelRef.of("kp40"), true, new CapData("#{\"#error\":\"x\"}", List.of("ko21")));
		KernelPromise kp = promises.find(KernelRef.of("kp40")).orElseThrow();
		assertThat(kp.state()).isEqualTo(PromiseState.REJECTED);
		assertThat(kp.data()).isEqualTo(new CapData("#{\"#error\":\"x\"}", List.of("ko21")));
		assertThat(promises.queueLength(KernelRef.of("kp40"))).isZero();
	}

	@Test
	void queuesAreFifoPerQueue(@Autowired QueueStore queues) {
		queues.append(QueueName.RUN, "{\"n\":1}");
		queues.append(QueueName.ACCEPTANCE, "{\"n\":2}");
		queues.append(QueueName.RUN, "{\"n\":3}");
		assertThat(queues.length(QueueName.RUN)).isEqualTo(2);
		assertThat(queues.contains(QueueName.RUN, "{\"n\":3}")).isTrue();
		assertThat(queues.page(QueueName.RUN, 0, 10)).extracting(QueueStore.QueuedItem::item)
			.containsExactly("{\"n\":1}", "{\"n\":3}");
		queues.append(QueueName.REAP, "{\"n\":4}");
		// Acceptance first, then reap, then run: the crank's order.
		assertThat(queues.pollFirst()).map(QueueStore.Head::item).contains("{\"n\":2}");
		assertThat(queues.pollFirst()).map(QueueStore.Head::item).contains("{\"n\":4}");
		assertThat(queues.pollFirst()).map(QueueStore.Head::work).contains(QueueStore.Work.RUN);
		assertThat(queues.pollFirst()).map(QueueStore.Head::item).contains("{\"n\":3}");
		assertThat(queues.pollFirst()).isEmpty();
	}

	@Test
	void transcriptTestLogAndVatstore(@Autowired TranscriptStore transcripts, @Autowired TestLogStore log,
			@Autowired VatKvStore kv) {
		transcripts.append(VatId.of("v1"), "{\"d\":1}", 10L);
		transcripts.append(VatId.of("v1"), "{\"d\":2}", null);
		assertThat(transcripts.length(VatId.of("v1"))).isEqualTo(2);
		assertThat(transcripts.entries(VatId.of("v1"), 1)).extracting(TranscriptStore.TranscriptEntry::item)
			.containsExactly("{\"d\":2}");
		log.append(1, VatId.of("v1"), "first");
		log.append(2, VatId.of("v1"), "second");
		assertThat(log.lines()).containsExactly("first", "second");
		kv.set(VatId.of("v1"), "b", "2");
		kv.set(VatId.of("v1"), "a", "1");
		kv.set(VatId.of("v1"), "a", "one");
		assertThat(kv.get(VatId.of("v1"), "a")).contains("one");
		assertThat(kv.nextKey(VatId.of("v1"), "a")).contains("b");
		assertThat(kv.size(VatId.of("v1"))).isEqualTo(2);
		kv.delete(VatId.of("v1"), "b");
		assertThat(kv.nextKey(VatId.of("v1"), "a")).isEmpty();
		kv.set(VatId.of("v1"), "c", "3");
		kv.set(VatId.of("v1"), "d", "4");
		assertThat(kv.page(VatId.of("v1"), "a", 10)).extracting(VatKvStore.Entry::key).containsExactly("c", "d");
		assertThat(kv.deleteSome(VatId.of("v1"), 2)).isEqualTo(2);
		assertThat(kv.size(VatId.of("v1"))).isEqualTo(1);
		assertThat(kv.get(VatId.of("v1"), "d")).contains("4");
	}

	@Test
	void snapshotsRoundTripTheirBytes(@Autowired SnapshotStore snapshots, @TempDir Path dir) throws Exception {
		byte[] heap = new byte[3_000_000];
		new Random(1).nextBytes(heap);
		Path file = Files.write(dir.resolve("heap"), heap);
		snapshots.save(VatId.of("v1"), 5, "hash5", file);
		snapshots.save(VatId.of("v1"), 10, "hash10", file);
		assertThat(snapshots.currentPosition(VatId.of("v1"))).contains(10L);
		SnapshotStore.SnapshotInfo current = snapshots.current(VatId.of("v1")).orElseThrow();
		assertThat(current.snapPos()).isEqualTo(10);
		assertThat(current.uncompressedSize()).isEqualTo(heap.length);
		Path loaded = dir.resolve("loaded");
		snapshots.load(VatId.of("v1"), 10, loaded);
		assertThat(Files.readAllBytes(loaded)).isEqualTo(heap);
		snapshots.deleteVat(VatId.of("v1"));
		assertThat(snapshots.current(VatId.of("v1"))).isEmpty();
		assertThat(snapshots.currentPosition(VatId.of("v1"))).isEmpty();
	}

	@Test
	void stateHashFollowsConsensusState(@Autowired StateHashStore hashes, @Autowired VatKvStore kv) {
		String before = hashes.stateHash();
		assertThat(hashes.stateHash()).isEqualTo(before);
		kv.set(VatId.of("v1"), "k", "v");
		assertThat(hashes.stateHash()).isNotEqualTo(before).hasSize(64);
	}

}
