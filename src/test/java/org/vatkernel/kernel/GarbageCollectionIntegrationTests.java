package org.vatkernel.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vatkernel.kernel.gc.RefcountAudit;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.GcActionStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.TranscriptStore;
import org.vatkernel.testdb.TestDatabase;
import org.vatkernel.vat.VatWarehouse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributed GC with real liveslots vats: an object sent from one vat to another, used and
 * dropped, is dropped and retired in its exporter and deleted from the kernel; a terminated vat's
 * imports and exports are released; and the reference counts are exact after every test.
 */
public class GarbageCollectionIntegrationTests {

	public static final Path CONFIG = TestConfigs.write("boot",
			TestConfigs.vats("boot", "gc-boot", "exporter", "gc-exporter", "importer", "gc-importer", "doomed",
					"gc-importer"),
			"\"defaultReapInterval\": 1");

	private final List<TestKernel> kernels = new ArrayList<>();

	private TestKernel start(String... properties) {
		return startWith(CONFIG, properties);
	}

	private TestKernel startWith(Path config, String... properties) {
		TestKernel kernel = TestKernel.start(config, properties);
		this.kernels.add(kernel);
		kernel.awaitIdle();
		return kernel;
	}

	@AfterEach
	void refcountsAreExactAfterwards() {
		for (TestKernel kernel : this.kernels) {
			kernel.awaitIdle();
			assertThat(kernel.bean(RefcountAudit.class).check()).as("refcount differences").isEmpty();
			kernel.close();
		}
	}

	@Test
	void anObjectUsedAndDroppedIsDroppedThenRetiredByItsExporterAndDeleted() {
		TestKernel kernel = start();
		VatId exporter = kernel.vatId("exporter");
		VatId importer = kernel.vatId("importer");
		ObjectStore objects = kernel.bean(ObjectStore.class);
		long objectsBefore = objects.count();
		long exporterEntriesBefore = transcript(kernel, exporter).size();

		assertThat(kernel.call(kernel.vatId("boot"), "give", List.of(IntNode.valueOf(1)))).isEqualTo("1");
		kernel.awaitIdle();

		// The exporter sent one object: find its vref in the send syscall of give().
		List<JsonNode> entries = transcript(kernel, exporter);
		String vref = entries.stream()
			.skip(exporterEntriesBefore)
			.flatMap(e -> stream(e.path("sc")))
			.map(sc -> sc.path("s"))
			.filter(s -> s.path(0).stringValue().equals("send"))
			.map(s -> s.path(2).path("methargs").path("slots").path(0).stringValue())
			.filter(v -> v != null && v.startsWith("o+"))
			.findFirst()
			.orElseThrow();
		List<String> gcDeliveries = entries.stream()
			.map(e -> e.path("d"))
			.filter(d -> List.of("dropExports", "retireExports").contains(d.path(0).stringValue()))
			.map(d -> d.path(0).stringValue() + " " + d.path(1))
			.toList();
		assertThat(gcDeliveries).containsExactly("dropExports [\"" + vref + "\"]", "retireExports [\"" + vref + "\"]");

		// The importer used it (ping answered), dropped and retired it: no c-list entry is left,
		// nor a kernel object, nor a GC action.
		assertThat(kernel.call(importer, "used")).isEqualTo("1");
		assertThat(kernel.bean(ClistStore.class).forVat(importer)).extracting(e -> e.vref().value())
			.noneMatch(v -> v.startsWith("o-"));
		assertThat(kernel.bean(ClistStore.class).forVat(exporter)).extracting(e -> e.vref().value()).doesNotContain(vref);
		assertThat(objects.count()).isEqualTo(objectsBefore);
		assertThat(kernel.bean(GcActionStore.class).isEmpty()).isTrue();
	}

	@Test
	void anObjectOnlyRecognizedIsDroppedAndLaterRetiredInTheImporter() {
		// The importer keeps the object in a WeakSet: it drops it (dropImports) but still
		// recognizes it. The exporter is told dropExports; once its liveslots lets the object go
		// it retires it itself (syscall retireExports), and the kernel tells the importer
		// retireImports.
		TestKernel kernel = start();
		VatId exporter = kernel.vatId("exporter");
		VatId importer = kernel.vatId("importer");
		kernel.call(kernel.vatId("boot"), "giveToRecognize", List.of(IntNode.valueOf(1)));
		kernel.awaitIdle();
		assertThat(gcTraffic(kernel, exporter)).containsSubsequence("d:dropExports", "s:retireExports");
		assertThat(gcTraffic(kernel, importer)).containsSubsequence("s:dropImports", "d:retireImports")
			.doesNotContain("s:retireImports");
		assertThat(kernel.bean(ClistStore.class).forVat(importer)).extracting(e -> e.vref().value())
			.noneMatch(v -> v.startsWith("o-"));
	}

	@Test
	void settledPromisesNobodyHoldsAreDeleted() {
		TestKernel kernel = start();
		PromiseStore promises = kernel.bean(PromiseStore.class);
		long before = promises.count();
		kernel.call(kernel.vatId("boot"), "give", List.of(IntNode.valueOf(5)));
		kernel.awaitIdle();
		// Only the host's result promise stays (the host may still ask about it); the five
		// use() results and the ping() results inside them are gone.
		assertThat(promises.count()).isEqualTo(before + 1);
	}

	@Test
	void aTerminatedVatsImportsAndExportsAreReleasedInBoundedCranks() {
		TestKernel kernel = startWith(TestConfigs.withOptions(CONFIG, "{\"cleanupBudget\": 3}"));
		VatId exporter = kernel.vatId("exporter");
		VatId doomed = kernel.vatId("doomed");
		VatId importer = kernel.vatId("importer");
		kernel.call(kernel.vatId("boot"), "entangle", List.of(IntNode.valueOf(10)));
		kernel.awaitIdle();
		ClistStore clist = kernel.bean(ClistStore.class);
		assertThat(clist.forVat(doomed)).filteredOn(e -> e.vref().value().startsWith("o-")).hasSize(10);
		assertThat(clist.forVat(doomed)).filteredOn(e -> e.vref().value().startsWith("o+") && !e.vref().value().equals("o+0"))
			.hasSize(10);
		assertThat(kernel.bean(RefcountAudit.class).check()).isEmpty();

		List<Integer> cleanups = new CopyOnWriteArrayList<>();
		kernel.bean(Slog.class).addSink(event -> {
			if (event.path("type").stringValue().equals("vat-cleanup")) {
				cleanups.add(event.path("count").asInt());
			}
		});
		kernel.kernel().terminateVat(doomed, "test");
		kernel.awaitIdle();

		// Its c-list is gone; the exporter was told to drop and retire the 10 objects it had
		// given the doomed vat; the importer still holds the doomed vat's 10 exports (orphans now).
		assertThat(clist.forVat(doomed)).isEmpty();
		assertThat(kernel.kernel().vat(doomed).cleanupPhase()).isNull();
		List<String> exporterGc = transcript(kernel, exporter).stream()
			.map(e -> e.path("d").path(0).stringValue())
			.filter(t -> t.startsWith("drop") || t.startsWith("retire"))
			.toList();
		assertThat(exporterGc).containsExactly("dropExports", "retireExports");
		assertThat(transcript(kernel, exporter).stream()
			.filter(e -> e.path("d").path(0).stringValue().equals("retireExports"))
			.mapToInt(e -> e.path("d").path(1).size())
			.sum()).isEqualTo(10);
		assertThat(clist.forVat(importer)).filteredOn(e -> e.vref().value().startsWith("o-")).hasSize(10);
		// Orphans: its 10 exports and its root (which the bootstrap vat holds).
		assertThat(kernel.bean(ObjectStore.class).all()).filteredOn(o -> o.ownerVatId() == null).hasSize(10 + 1);
		// Cleanup took many cranks of at most three entries each: 11 exports, 10 imports, its
		// promises and vatstore keys.
		assertThat(cleanups).hasSizeGreaterThan(8).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
		assertThat(kernel.call(importer, "log")).isEqualTo("fulfilled: null");
		assertThat(kernel.kernel().testLog()).containsExactly("used 0, kept 10");
	}

	@Test
	void replayOfAVatThatWentThroughGcReproducesTheSameStateHash() {
		// With one worker online every vat is evicted and replayed (no snapshots: from its
		// first delivery, GC deliveries included) whenever another vat runs.
		Path noSnapshots = TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 0}");
		TestKernel evicting = startWith(noSnapshots, "kernel.warehouse.max-workers-online=1");
		TestKernel steady = startWith(noSnapshots, "kernel.warehouse.max-workers-online=50");
		for (TestKernel kernel : List.of(evicting, steady)) {
			kernel.call(kernel.vatId("boot"), "give", List.of(IntNode.valueOf(3)));
			kernel.call(kernel.vatId("boot"), "give", List.of(IntNode.valueOf(2)));
			kernel.awaitIdle();
		}
		assertThat(transcript(evicting, evicting.vatId("exporter"))).extracting(e -> e.path("d").path(0).stringValue())
			.contains("dropExports", "retireExports");
		assertThat(evicting.bean(VatWarehouse.class).onlineCount()).isEqualTo(1);
		assertThat(evicting.stateHash()).isEqualTo(steady.stateHash());
	}

	@Test
	void aDatabaseFromBeforeRefcountsGetsThemComputedAtStart(@TempDir Path dir) {
		String url = TestDatabase.isPostgres() ? TestDatabase.freshPostgres()
				: "jdbc:h2:file:" + dir.resolve("kernel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		try (TestKernel first = TestKernel.start(CONFIG, "spring.datasource.url=" + url)) {
			first.awaitIdle();
			first.call(first.vatId("boot"), "entangle", List.of(IntNode.valueOf(3)));
			// As an older kernel left it: every count zero, no "refcounts" setting.
			JdbcClient jdbc = JdbcClient.create(first.bean(DataSource.class));
			jdbc.sql("update kernel_object set reachable_count = 0, recognizable_count = 0").update();
			jdbc.sql("update kernel_promise set ref_count = 0, external_refs = 0").update();
			jdbc.sql("delete from kernel_setting where name = 'refcounts'").update();
			assertThat(first.bean(RefcountAudit.class).check()).isNotEmpty();
		}
		TestKernel second = TestKernel.start(CONFIG, "spring.datasource.url=" + url);
		this.kernels.add(second);
		second.awaitIdle();
		assertThat(second.bean(RefcountAudit.class).check()).isEmpty();
		// The host's promises (never recorded as such then) are kept: it can still ask.
		assertThat(second.kernel().promise(KernelRef.of("kp40")).state()).isEqualTo(PromiseState.FULFILLED);
		assertThat(second.call(second.vatId("importer"), "used")).isEqualTo("0");
	}

	/** A vat's GC deliveries ({@code d:}) and GC syscalls ({@code s:}), in order. */
	private static List<String> gcTraffic(TestKernel kernel, VatId vatId) {
		return transcript(kernel, vatId).stream()
			.flatMap(e -> Stream.concat(Stream.of("d:" + e.path("d").path(0).stringValue()),
					stream(e.path("sc")).map(sc -> "s:" + sc.path("s").path(0).stringValue())))
			.filter(t -> t.endsWith("Exports") || t.endsWith("Imports"))
			.toList();
	}

	private static List<JsonNode> transcript(TestKernel kernel, VatId vatId) {
		return kernel.bean(TranscriptStore.class)
			.entries(vatId, 0)
			.stream()
			.map(e -> VatProtocolJson.parse(e.item()))
			.toList();
	}

	private static Stream<JsonNode> stream(JsonNode array) {
		List<JsonNode> nodes = new ArrayList<>();
		array.forEach(nodes::add);
		return nodes.stream();
	}

}
