package org.vatkernel.kernel;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vatkernel.kernel.config.KernelInitializer;
import org.vatkernel.kernel.config.KernelSettings;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.ActivityLog;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.GcActionStore;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.QueueStore;
import org.vatkernel.state.StateHashStore;
import org.vatkernel.state.TestLogStore;
import org.vatkernel.state.VatStore;
import org.vatkernel.vat.VatWarehouse;
import tools.jackson.databind.JsonNode;

/**
 * The kernel's read side, for the API and the console (per-vat reads: {@link VatQueries}): the
 * status, the state hash, queues, kernel objects and promises, bundles. Each call reads in one
 * read-only, repeatable-read transaction (so what it returns is one committed crank's state,
 * never half of two), never waits for the kernel thread, and answers in the kernel's own view
 * records, so that a column rename cannot change the wire format. Pages are fetched one row
 * beyond {@code limit}, so that the caller can tell whether there is a next page.
 */
@Service
public class KernelQueries {

	private final TransactionTemplate reads;

	private final KernelRunner runner;

	private final KernelStateStore state;

	private final KernelSettings settings;

	private final StateHashStore stateHash;

	private final QueueStore queues;

	private final ObjectStore objects;

	private final PromiseStore promises;

	private final ClistStore clist;

	private final GcActionStore gcActions;

	private final BundleStore bundles;

	private final TestLogStore testLog;

	private final VatWarehouse warehouse;

	private final ActivityLog activity;

	private final VatStore vats;

	KernelQueries(PlatformTransactionManager transactionManager, KernelRunner runner, KernelStateStore state,
			KernelSettings settings, StateHashStore stateHash, QueueStore queues, ObjectStore objects,
			PromiseStore promises, ClistStore clist, GcActionStore gcActions, BundleStore bundles,
			TestLogStore testLog, VatWarehouse warehouse, VatStore vats, ActivityLog activity) {
		this.vats = vats;
		this.activity = activity;
		this.reads = snapshotReads(transactionManager);
		this.runner = runner;
		this.state = state;
		this.settings = settings;
		this.stateHash = stateHash;
		this.queues = queues;
		this.objects = objects;
		this.promises = promises;
		this.clist = clist;
		this.gcActions = gcActions;
		this.bundles = bundles;
		this.testLog = testLog;
		this.warehouse = warehouse;
	}

	/** State, crank number, the activity hash, queue lengths, what GC tracks, the halt, the options. */
	public KernelStatus status() {
		return read(() -> {
			ActivityLog.Link hash = this.activity.current();
			return new KernelStatus(this.runner.state(), this.state.crankNumber(), hash.hash(),
				hash.crank(), this.queues.length(QueueName.ACCEPTANCE), this.queues.length(QueueName.RUN),
				this.queues.length(QueueName.REAP), this.warehouse.onlineCount(), this.warehouse.maxOnline(), this.objects.count(),
				this.promises.count(), this.clist.total(), this.gcActions.count(), this.runner.haltReason(),
				this.state.setting(KernelInitializer.BOOTSTRAP_RESULT).orElse(null), this.runner.automaticRestarts(),
				this.settings.current());
		});
	}

	/** The hash of all consensus state (see {@link StateHashStore}); equal on nodes that agree. */
	public String stateHash() {
		return read(this.stateHash::stateHash);
	}

	/** Every {@code vatPowers.testLog} line of every vat, in order. */
	public List<String> testLog() {
		return read(this.testLog::lines);
	}

	/** The test log's lines after {@code afterSeq}, at most {@code limit}, oldest first. */
	public List<TestLogStore.Line> testLogAfter(long afterSeq, int limit) {
		return read(() -> this.testLog.after(afterSeq, limit));
	}

	/** An installed bundle. */
	public record Bundle(String bundleId, long size, Instant createdAt) {
	}

	/** A kernel object: its owner (null once orphaned), reference counts, and whether pinned. */
	public record KernelObject(KernelRef kref, @Nullable VatId ownerVatId, int reachableCount, int recognizableCount,
			boolean pinned) {
	}

	/** An item on a kernel queue: SwingSet's queue event in kernel space. */
	public record QueueItem(long seq, JsonNode event) {
	}







	public List<Bundle> bundles(String afterBundleId, int limit) {
		return read(() -> this.bundles.page(afterBundleId, limit + 1)
			.stream()
			.map(b -> new Bundle(b.bundleId(), b.size(), b.createdAt()))
			.toList());
	}

	public Bundle bundle(String bundleId) {
		return read(() -> this.bundles.info(bundleId)
			.map(b -> new Bundle(b.bundleId(), b.size(), b.createdAt()))
			.orElseThrow(() -> new RequestRefusedException("unknown-bundle", RequestRefusedException.Kind.NOT_FOUND,
					"no bundle " + bundleId)));
	}

	public KernelObject object(KernelRef kref) {
		return read(() -> this.objects.find(kref)
			.map(o -> new KernelObject(o.kref(), o.ownerVatId(), o.reachableCount(), o.recognizableCount(), o.pinned()))
			.orElseThrow(() -> new RequestRefusedException("unknown-object", RequestRefusedException.Kind.NOT_FOUND,
					"no kernel object " + kref)));
	}

	/** A promise: state, decider, subscribers, queued messages, and its resolution decoded. */
	public PromiseView promise(KernelRef kpid) {
		return read(() -> {
			KernelPromise p = this.promises.find(kpid).orElseThrow(() -> new UnknownPromiseException(kpid));
			CapData data = p.data();
			JsonNode value = null;
			String error = null;
			if (data != null) {
				value = data.slots().isEmpty() ? SmallCaps.decode(data.body()).orElse(null) : null;
				error = p.isRejected() ? SmallCaps.errorMessage(data.body()).orElse(null) : null;
			}
			return new PromiseView(kpid, p.state(), p.deciderVatId(), p.policy(), p.refCount(),
					this.promises.subscribers(kpid), this.promises.queueLength(kpid), data, value, error);
		});
	}

	/** A kernel queue in processing order ({@code run}, {@code acceptance}, {@code reap}). */
	public List<QueueItem> queue(QueueName queue, long afterSeq, int limit) {
		return read(() -> this.queues.page(queue, afterSeq, limit + 1)
			.stream()
			.map(item -> new QueueItem(item.seq(), VatProtocolJson.parse(item.item())))
			.toList());
	}

	/** The length of a kernel queue ({@code run}, {@code acceptance}, {@code reap}). */
	public long queueLength(QueueName queue) {
		return this.queues.length(queue);
	}

	/**
	 * Vats created by {@code source} ({@code config}, {@code vatAdmin}, {@code operator}) that
	 * are running, or terminated.
	 */
	public long vatCount(String source, boolean running) {
		return read(() -> this.vats.count(source, running));
	}

	/** Read-only, repeatable-read: what one read sees belongs to one committed crank. */
	static TransactionTemplate snapshotReads(PlatformTransactionManager transactionManager) {
		TransactionTemplate reads = new TransactionTemplate(transactionManager);
		reads.setReadOnly(true);
		reads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		return reads;
	}

	private <T> T read(Supplier<T> work) {
		return this.reads.execute(status -> work.get());
	}

}
