package org.vatkernel.kernel.crank;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.vatkernel.kernel.KernelPanicException;
import org.vatkernel.kernel.VatTermination;
import org.vatkernel.kernel.device.Devices;
import org.vatkernel.kernel.gc.GcActions;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.CapData;
import org.vatkernel.model.GcActionType;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.TranscriptEntry;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatDeliveryResult;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.ActivityLog;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.QueueStore;
import org.vatkernel.state.StateHashStore;

import org.vatkernel.state.TestLogStore;
import org.vatkernel.state.TranscriptStore;
import org.vatkernel.state.VatKvStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.vat.VatWarehouse;
import org.vatkernel.worker.DeliveryReport;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one crank inside the caller's transaction, as SwingSet's {@code run}/
 * {@code processDeliveryMessage}: the acceptance-queue head is routed (a routing crank), or
 * else the run-queue head is delivered to a vat. Savepoint {@code start} is taken before the
 * item is dequeued and {@code deliver} after; an aborted delivery rolls back to one of them
 * and the vat is terminated in the same transaction. Anything thrown rolls back the whole crank.
 */
@Component
public class CrankProcessor {

	/** What a crank did. */
	public enum Outcome {

		NOTHING, ROUTED, DELIVERED, EMPTY_CRANK

	}

	/** The outcome and the crank's own record of what it delivered. */
	public record Processed(Outcome outcome, CrankContext crank) {
	}

	private static final Logger log = LoggerFactory.getLogger(CrankProcessor.class);

	private final KernelStateStore state;

	private final QueueStore queues;

	private final KernelQueue queue;

	private final VatTranslator translator;

	private final VatStore vats;

	private final VatKvStore vatstore;

	private final ObjectStore objects;

	private final TranscriptStore transcripts;

	private final TestLogStore testLog;

	private final VatTerminator terminator;

	private final VatWarehouse warehouse;

	private final Slog slog;

	private final StateHashStore stateHash;

	private final ActivityLog activity;

	private final RefCounts refCounts;

	private final GcActions gcActions;

	private final Reaper reaper;

	private final Devices devices;

	private final VatAdminHooks hooks;

	private final Meters meters;

	private final VatCreations creations;

	private final VatUpgrades upgrades;

	CrankProcessor(Devices devices, VatAdminHooks hooks, Meters meters, VatCreations creations, VatUpgrades upgrades, KernelStateStore state, QueueStore queues, KernelQueue queue, VatTranslator translator,
			VatStore vats, VatKvStore vatstore, ObjectStore objects, TranscriptStore transcripts, TestLogStore testLog,
			VatTerminator terminator, VatWarehouse warehouse, Slog slog, StateHashStore stateHash, RefCounts refCounts,
			GcActions gcActions, Reaper reaper, ActivityLog activity) {
		this.activity = activity;
		this.devices = devices;
		this.hooks = hooks;
		this.meters = meters;
		this.creations = creations;
		this.upgrades = upgrades;
		this.refCounts = refCounts;
		this.gcActions = gcActions;
		this.reaper = reaper;
		this.slog = slog;
		this.stateHash = stateHash;
		this.state = state;
		this.queues = queues;
		this.queue = queue;
		this.translator = translator;
		this.vats = vats;
		this.vatstore = vatstore;
		this.objects = objects;
		this.transcripts = transcripts;
		this.testLog = testLog;
		this.terminator = terminator;
		this.warehouse = warehouse;
	}

	public Processed processNext(TransactionStatus tx) {
		CrankContext crank = new CrankContext(this.state.crankNumber());
		MDC.put("crankNum", Long.toString(crank.crankNumber()));
		this.refCounts.reset();
		Savepoint start = savepoint(tx);
		QueueStore.Head next = this.queues.pollFirst().orElse(null);
		if (next == null) {
			start.rollback();
			return new Processed(Outcome.NOTHING, crank);
		}
		this.slog.emit("crank-start", "crankNum", crank.crankNumber(), "crankType",
				next.work() == QueueStore.Work.ACCEPTANCE ? "routing" : "delivery", "queue", next.work().wireName(), "message",
				this.slog.enabled() && next.item() != null && next.item().startsWith("{")
						? VatProtocolJson.parse(next.item()) : null);
		if (next.work() == QueueStore.Work.ACCEPTANCE) {
			route(KernelEvent.fromJson(next.item()), crank);
			finish(crank);
			return new Processed(Outcome.ROUTED, crank);
		}
		if (next.work() == QueueStore.Work.CLEANUP) {
			this.terminator.cleanupStep(VatId.of(next.item()));
			finish(crank);
			return new Processed(Outcome.EMPTY_CRANK, crank);
		}
		Savepoint deliver = savepoint(tx);
		CrankResults results;
		if (next.work() == QueueStore.Work.GC) {
			GcActions.Delivery gc = this.gcActions.next();
			results = gc == null ? CrankResults.NONE : processGcDelivery(gc, crank);
		}
		else {
			results = deliverRunQueueEvent(KernelEvent.fromJson(next.item()), crank);
		}
		DeliveryOutcome outcome = results.outcome();
		if (outcome.rollsBack()) {
			// Undo the vat's effects; unless the item is consumed, it goes back on the queue and
			// its retry splats against the now-terminated vat.
			(outcome.consumesMessage() ? deliver : start).rollback();
		}
		if (results.meterId() != null && results.computrons() > 0) {
			this.meters.deduct(results.meterId(), results.computrons());
		}
		VatTermination termination = outcome.termination();
		if (termination != null && results.vatId() != null) {
			// The terminator also discards the worker: after a failed delivery it is not trusted
			// again (after a metering fault it is gone already).
			this.terminator.terminate(results.vatId(), termination, crank);
		}
		else if (results.vatId() != null) {
			if (results.mayScheduleSnapshot()) {
				this.reaper.afterTranscriptEntry(results.vatId(), crank.transcriptLength());
			}
			this.reaper.afterDelivery(results.vatId(), results.dirt());
		}
		if (results.afterwards() != null) {
			results.afterwards().run();
		}
		finish(crank);
		return new Processed(results.vatId() == null ? Outcome.EMPTY_CRANK : Outcome.DELIVERED, crank);
	}

	private void finish(CrankContext crank) {
		for (CrankContext.TestLogLine line : crank.testLog()) {
			this.testLog.append(crank.crankNumber(), line.vatId(), line.line());
		}
		if (crank.panic() != null) {
			throw new KernelPanicException(crank.panic());
		}
		this.refCounts.processRefcounts();
		// The crank counter moves and the activity hash is sealed last, in one round trip.
		crank.activityHash(this.activity.sealCrank(crank.crankNumber()), this.activity.costNanos());


		// The whole-DB state hash only when asked for (kernel.slog.state-hash): an audit, not a
		// per-crank cost; hashed inside the crank's transaction, the state this crank commits.
		this.slog.emit("crank-finish", "crankNum", crank.crankNumber(), "activityHash", crank.activityHash(),
				"stateHash", this.slog.wantsStateHash() ? this.stateHash.stateHash() : null);
	}

	/** A DB savepoint and the activity log's mark with it: a rollback undoes both. */
	private Savepoint savepoint(TransactionStatus tx) {
		return new Savepoint(tx, tx.createSavepoint(), this.activity, this.activity.mark());
	}

	private record Savepoint(TransactionStatus tx, Object db, ActivityLog activity, int activityMark) {

		void rollback() {
			this.tx.rollbackToSavepoint(this.db);
			this.activity.rewind(this.activityMark);
		}

	}


	/**
	 * A GC delivery ({@code dropExports}, {@code retireExports}, {@code retireImports}); none to
	 * a terminated vat. Retired exports' kernel objects are deleted first.
	 */
	private CrankResults processGcDelivery(GcActions.Delivery gc, CrankContext crank) {
		if (!this.vats.isRunning(gc.vatId())) {
			return CrankResults.NONE;
		}
		if (gc.type() == GcActionType.RETIRE_EXPORT) {
			gc.krefs().forEach(this.objects::delete);
		}
		VatDelivery delivery = this.translator.gcDeliveryToVat(gc.vatId(), gc.type(), gc.krefs());
		CrankResults results = deliver(gc.vatId(), delivery, crank, true, false);
		return results.withDirt(new Reaper.Dirt(1, gc.krefs().size()));
	}

	/** A routing crank: move one acceptance item to the run queue, a promise queue, or splat. */
	private void route(KernelEvent event, CrankContext crank) {
		if (event instanceof KernelEvent.Send send) {
			KernelQueue.Route route = this.queue.route(send, crank);
			if (route.splat()) {
				// No longer the kernel's to hold.
				this.refCounts.decrementMessage(send.target(), send.msg());
				return;
			}
			if (!route.target().equals(send.target())) {
				// Re-targeted (a promise fulfilled to an object): the other references stay.
				this.refCounts.decrement(send.target(), false, false);
				this.refCounts.increment(route.target(), false, false);
			}
			if (route.requeue()) {
				this.queue.enqueueOnPromise(route.target(), send.msg());
			}
			else {
				this.queue.toRunQueue(new KernelEvent.Send(route.target(), send.msg()));
			}
		}
		else {
			this.queue.toRunQueue(event);
		}
	}

	private CrankResults deliverRunQueueEvent(KernelEvent event, CrankContext crank) {
		if (event instanceof KernelEvent.Send send) {
			// Routed again: state may have changed since the routing crank.
			KernelQueue.Route route = this.queue.route(send, crank);
			if (route.splat()) {
				this.refCounts.decrementMessage(send.target(), send.msg());
				return CrankResults.NONE;
			}
			if (route.requeue()) {
				this.queue.enqueueOnPromise(route.target(), send.msg());
				return CrankResults.NONE;
			}
			// Delivered: the vat's c-list takes over the references (translation adds them).
			this.refCounts.decrementMessage(send.target(), send.msg());
			VatDelivery delivery = this.translator.messageToVat(route.vatId(), route.target(), send.msg());
			crank.messageResult(Refs.result(send.msg()));
			return deliver(route.vatId(), delivery, crank, false, true);
		}
		if (event instanceof KernelEvent.Notify notify) {
			return processNotify(notify, crank);
		}
		if (event instanceof KernelEvent.BringOutYourDead boyd) {
			return processBringOutYourDead(boyd, crank);
		}
		if (event instanceof KernelEvent.UpgradeVat upgrade) {
			return this.upgrades.process(upgrade, crank,
					(vatId, delivery, charged) -> deliver(vatId, delivery, crank, true, charged));
		}
		if (event instanceof KernelEvent.CreateVat create) {
			return this.creations.process(create, crank, (vatId, delivery) -> deliver(vatId, delivery, crank, true, true));
		}
		KernelEvent.StartVat startVat = (KernelEvent.StartVat) event;
		if (!this.vats.isRunning(startVat.vatId())) {
			return CrankResults.NONE;
		}
		CapData parameters = this.translator.capDataToVat(startVat.vatId(), startVat.vatParameters());
		return deliver(startVat.vatId(), new VatDelivery.StartVat(parameters), crank, true, false);
	}

	/**
	 * A due {@code bringOutYourDead}; with {@code snapshot}, a heap snapshot right after it,
	 * which is the same point on every node (SwingSet delivers one before each snapshot).
	 */
	private CrankResults processBringOutYourDead(KernelEvent.BringOutYourDead boyd, CrankContext crank) {
		if (!this.vats.isRunning(boyd.vatId())) {
			return CrankResults.NONE;
		}
		CrankResults results = deliver(boyd.vatId(), new VatDelivery.BringOutYourDead(), crank, true, false);
		if (results.outcome() instanceof DeliveryOutcome.Completed) {
			this.reaper.reaped(boyd.vatId());
			if (boyd.snapshot()) {
				this.warehouse.saveSnapshot(boyd.vatId());
			}
		}
		// A BOYD makes no dirt, and its own transcript entry must not schedule another one.
		return results.withSnapshot(false).withDirt(Reaper.Dirt.NONE);
	}

	private CrankResults processNotify(KernelEvent.Notify notify, CrankContext crank) {
		this.refCounts.decrement(notify.kpid(), false, false);
		VatId vatId = notify.vatId();
		if (!this.vats.isRunning(vatId)) {
			return CrankResults.NONE;
		}
		KernelPromise p = this.queue.promise(notify.kpid());
		if (p.isUnresolved()) {
			throw new IllegalStateException("spurious notification " + notify.kpid());
		}
		if (!this.translator.hasEntry(vatId, notify.kpid())) {
			return CrankResults.NONE; // already notified, or the vat resolved it itself
		}
		List<KernelRef> kpids = KpidsToRetire.collect(notify.kpid(), p.data(), this.queue::promise);
		VatDelivery.Notify delivery = this.translator.notifyToVat(vatId, kpids);
		kpids.forEach(kpid -> this.translator.deleteEntry(vatId, kpid));
		return deliver(vatId, delivery, crank, false, true);
	}

	/**
	 * Delivers, records the transcript entry, and judges the outcome ({@link DeliveryOutcome#of}).
	 * @param charged whether the delivery is charged to the vat's meter (messages, notifies and
	 * startVat are; GC deliveries and bringOutYourDead are not, as in SwingSet)
	 */
	private CrankResults deliver(VatId vatId, VatDelivery delivery, CrankContext crank, boolean consumeOnAbort,
			boolean charged) {
		String meterId = charged ? this.vats.find(vatId).map(VatRecord::meterId).orElse(null) : null;
		KernelSyscallHandler handler = new KernelSyscallHandler(vatId, crank, this.translator, this.queue,
				this.vatstore, this.refCounts, this.devices, this.hooks.forCrank(crank));
		this.slog.emit("deliver", "crankNum", crank.crankNumber(), "vatID", vatId, "deliveryType", delivery.type(), "vd",
				this.slog.enabled() ? VatProtocolJson.encodeDelivery(delivery) : null);
		DeliveryReport report = this.warehouse.deliver(vatId, delivery, handler);
		crank.delivered(vatId, delivery.type(), report.elapsed().toNanos());
		VatDeliveryResult result = report.result();
		if (this.slog.enabled()) {
			slogDelivery(vatId, crank, handler, report);
		}
		crank.meterUsage(result.meterUsage() != null ? result.meterUsage().compute() : 0, report.meteringFault());
		TranscriptEntry entry = TranscriptEntry.of(delivery, handler.recorded(), result);
		crank.transcriptLength(this.transcripts.append(vatId,
				entry.encode(), entry.computrons()));
		log.debug("crank delivered {} to {}: {}", delivery.type(), vatId, result.status());
		long computrons = result.meterUsage() != null ? result.meterUsage().compute() : 0;
		boolean underflow = meterId != null && computrons > 0 && !this.meters.canPay(meterId, computrons);
		return new CrankResults(vatId,
				DeliveryOutcome.of(report, crank.illegalSyscall(), underflow, crank.exitRequest(), consumeOnAbort), true,
				Reaper.Dirt.ONE_DELIVERY, meterId, computrons, null);
	}

	/** The delivery's syscalls with their results, then the delivery result with its meter usage. */
	private void slogDelivery(VatId vatId, CrankContext crank, KernelSyscallHandler handler, DeliveryReport report) {
		for (TranscriptEntry.Syscall r : handler.recorded()) {
			this.slog.emit("syscall", "crankNum", crank.crankNumber(), "vatID", vatId, "vsc",
					VatProtocolJson.encodeSyscall(r.syscall()));
			this.slog.emit("syscall-result", "crankNum", crank.crankNumber(), "vatID", vatId, "vsr",
					VatProtocolJson.encodeSyscallResult(r.result()));
		}
		VatDeliveryResult result = report.result();
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode dr = nodes.objectNode().put("status", result.status());
		if (result.problem() != null) {
			dr.put("problem", result.problem());
		}
		if (result.meterUsage() != null) {
			dr.putObject("meterUsage").put("compute", result.meterUsage().compute());
		}
		this.slog.emit("deliver-result", "crankNum", crank.crankNumber(), "vatID", vatId, "dr", dr,
				"meteringFault", report.isMeteringFault(), "workerMillis", report.elapsed().toMillis());
	}


}
