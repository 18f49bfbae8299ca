package org.vatkernel.kernel.crank;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.KernelObject;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.QueueStore;
import org.vatkernel.state.VatStore;

/**
 * Sends, subscriptions, resolutions and routing, as SwingSet's kernelQueue.js and
 * {@code routeSendEvent}: everything a syscall or the host puts on the acceptance queue, and
 * where a send goes when it reaches the head of a queue.
 */
@Component
public class KernelQueue {

	/**
	 * Where a send goes: to a vat, onto a promise's queue, or splat (rejected right here; no
	 * target).
	 */
	record Route(@Nullable VatId vatId, @Nullable KernelRef target, boolean splat) {

		static final Route SPLAT = new Route(null, null, true);

		boolean requeue() {
			return !this.splat && this.vatId == null;
		}

	}

	static final CapData VAT_TERMINATED = SmallCaps.error("vat terminated");

	private final QueueStore queues;

	private final PromiseStore promises;

	private final ObjectStore objects;

	private final VatStore vats;

	private final KernelStateStore state;

	private final RefCounts refCounts;

	KernelQueue(QueueStore queues, PromiseStore promises, ObjectStore objects, VatStore vats, KernelStateStore state,
			RefCounts refCounts) {
		this.refCounts = refCounts;
		this.queues = queues;
		this.promises = promises;
		this.objects = objects;
		this.vats = vats;
		this.state = state;
	}

	void doSend(KernelRef target, VatMessage msg) {
		accept(new KernelEvent.Send(target, msg));
	}

	void notify(VatId vatId, KernelRef kpid) {
		accept(new KernelEvent.Notify(vatId, kpid));
	}

	/** Appends to the acceptance queue; the item holds a reference to every kref in it. */
	public void accept(KernelEvent event) {
		if (event instanceof KernelEvent.Send send) {
			this.refCounts.incrementMessage(send.target(), send.msg());
		}
		else if (event instanceof KernelEvent.Notify notify) {
			this.refCounts.increment(notify.kpid(), false, false);
		}
		else if (event instanceof KernelEvent.CreateVat create) {
			// Held while create-vat is queued; released once startVat has the parameters.
			this.refCounts.incrementSlots(create.vatParameters());
		}
		else if (event instanceof KernelEvent.UpgradeVat upgrade) {
			this.refCounts.incrementSlots(upgrade.vatParameters());
		}
		this.queues.append(QueueName.ACCEPTANCE, KernelEvent.toJson(event));
	}

	void toRunQueue(KernelEvent event) {
		this.queues.append(QueueName.RUN, KernelEvent.toJson(event));
	}

	void doSubscribe(VatId vatId, KernelRef kpid) {
		KernelPromise p = promise(kpid);
		if (p.isUnresolved()) {
			this.promises.addSubscriber(kpid, vatId);
		}
		else {
			notify(vatId, kpid);
		}
	}

	/**
	 * Settles one promise: notifies subscribers, re-queues waiting messages on the acceptance
	 * queue, records the data. {@code expectedDecider} null means the kernel itself resolves it
	 * (allowed only while nobody decides it).
	 * @throws IllegalSyscallException if a vat resolves a promise it does not decide
	 */
	void doResolve(@Nullable VatId expectedDecider, KernelRef kpid, boolean rejected, CapData data, CrankContext crank) {
		KernelPromise p = promise(kpid);
		if (!p.isUnresolved()) {
			throw problem(expectedDecider, kpid + " was already resolved");
		}
		if (expectedDecider != null ? !expectedDecider.equals(p.deciderVatId()) : p.deciderVatId() != null) {
			throw problem(expectedDecider, kpid + " is decided by " + p.deciderVatId() + ", not "
					+ (expectedDecider == null ? "the kernel" : expectedDecider));
		}
		for (VatId subscriber : this.promises.subscribers(kpid)) {
			notify(subscriber, kpid);
		}
		// A lateral move: the waiting messages keep the references they hold.
		for (String queued : this.promises.queued(kpid)) {
			KernelEvent.Send send = new KernelEvent.Send(kpid, VatProtocolJson.message(VatProtocolJson.parse(queued)));
			this.queues.append(QueueName.ACCEPTANCE, KernelEvent.toJson(send));
		}
		this.promises.deleteQueue(kpid);
		this.promises.deleteSubscribers(kpid);
		this.refCounts.incrementSlots(data);
		this.promises.resolve(kpid, rejected, data);
		if (rejected && p.policy() == ResolutionPolicy.PANIC) {
			crank.panic(kpid + ".policy panic: rejected " + data.body());
		}
	}

	void resolveToError(KernelRef kpid, CapData error, @Nullable VatId expectedDecider, CrankContext crank) {
		doResolve(expectedDecider, kpid, true, error, crank);
	}

	private RuntimeException problem(@Nullable VatId vatId, String message) {
		// A vat that resolves what it may not is at fault; the kernel doing so is a bug.
		return vatId != null ? new IllegalSyscallException(message) : new IllegalStateException(message);
	}

	/** SwingSet's {@code routeSendEvent}: where the message at the head of a queue goes now. */
	Route route(KernelEvent.Send send, CrankContext crank) {
		KernelRef target = send.target();
		if (target.isObject()) {
			return sendTo(target, send, crank);
		}
		KernelPromise p = promise(target);
		return switch (p.state()) {
			case FULFILLED -> toFulfilment(p, send, crank);
			case REJECTED -> splat(send, p.data(), crank);
			case UNRESOLVED -> toUnresolved(p, send, crank);
		};
	}

	/** A promise fulfilled to an object forwards to it; to plain data, the send splats. */
	private Route toFulfilment(KernelPromise p, KernelEvent.Send send, CrankContext crank) {
		KernelRef slot = Refs.singleSlot(p.data()).map(KernelRef::of).orElse(null);
		if (slot != null && slot.isObject()) {
			return sendTo(slot, send, crank);
		}
		return splat(send, SmallCaps.error("data is not callable, has no method " + Refs.method(send.msg().methargs())),
				crank);
	}

	/** An unresolved promise keeps the message until it settles, unless its decider is gone. */
	private Route toUnresolved(KernelPromise p, KernelEvent.Send send, CrankContext crank) {
		if (p.deciderVatId() != null && !this.vats.isRunning(p.deciderVatId())) {
			return splat(send, VAT_TERMINATED, crank);
		}
		// Liveslots vats run without pipelining: the message waits for the resolution.
		return new Route(null, p.kpid(), false);
	}

	private Route sendTo(KernelRef kref, KernelEvent.Send send, CrankContext crank) {
		KernelObject object = this.objects.find(kref).orElse(null);
		VatId owner = object == null ? null : object.ownerVatId();
		if (owner == null || !this.vats.isRunning(owner)) {
			return splat(send, VAT_TERMINATED, crank);
		}
		return new Route(owner, kref, false);
	}

	private Route splat(KernelEvent.Send send, CapData error, CrankContext crank) {
		KernelRef result = Refs.result(send.msg());
		if (result != null) {
			resolveToError(result, error, null, crank);
		}
		return Route.SPLAT;
	}

	/**
	 * The host's {@code queueToKref}: a message with a fresh result promise of that policy, or
	 * with no result promise when the policy is null (SwingSet's {@code 'none'}).
	 */
	public @Nullable KernelRef queueToKref(KernelRef target, CapData methargs, @Nullable ResolutionPolicy policy) {
		KernelRef kpid = null;
		if (policy != null) {
			kpid = this.state.newPromiseKpid();
			this.promises.insert(kpid, null, policy);
			// The host may ask about it at any time (SwingSet's kpRegisterInterest).
			this.promises.addExternalRef(kpid);
		}
		doSend(target, new VatMessage(methargs, kpid == null ? null : kpid.value()));
		return kpid;
	}

	/** A lateral move from a queue: the message keeps the references it holds. */
	void enqueueOnPromise(KernelRef kpid, VatMessage msg) {
		this.promises.enqueue(kpid, VatProtocolJson.write(VatProtocolJson.encodeMessage(msg)));
	}

	void setDecider(KernelRef kpid, @Nullable VatId vatId) {
		this.promises.setDecider(kpid, vatId);
	}

	KernelPromise promise(KernelRef kpid) {
		return this.promises.find(kpid).orElseThrow(() -> new IllegalStateException("unknown promise " + kpid));
	}

	List<KernelRef> decidedBy(VatId vatId) {
		return this.promises.decidedBy(vatId);
	}

}
