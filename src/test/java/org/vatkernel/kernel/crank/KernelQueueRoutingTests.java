package org.vatkernel.kernel.crank;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vatkernel.kernel.crank.CrankContext;
import org.vatkernel.kernel.crank.IllegalSyscallException;
import org.vatkernel.kernel.crank.KernelEvent;
import org.vatkernel.kernel.crank.KernelQueue;
import org.vatkernel.kernel.crank.VatTranslator;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatMessage;
import org.vatkernel.state.KernelPromise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SwingSet's {@code routeSendEvent} and promise resolution, case by case: where a message at the
 * head of a queue goes, what a splat rejects its result with, what resolving a promise notifies
 * and re-queues. Real stores on an in-memory H2; no Spring context, no worker.
 */
class KernelQueueRoutingTests {

	private static final CapData PING = SmallCaps.methargs("ping", List.of());

	@RegisterExtension
	static final KernelRules rules = new KernelRules();

	private VatId alice;

	private VatId bob;

	private CrankContext crank;

	@BeforeEach
	void setUp() {
		this.alice = rules.vat("alice");
		this.bob = rules.vat("bob");
		this.crank = new CrankContext(1);
	}

	/** A send with a fresh result promise, as the host's {@code queueToKref} makes it. */
	private KernelEvent.Send send(KernelRef target) {
		KernelRef result = rules.state.newPromiseKpid();
		rules.promises.insert(result, null, ResolutionPolicy.IGNORE);
		return new KernelEvent.Send(target, new VatMessage(PING, result.value()));
	}

	private void assertRejected(String kpid, String message) {
		assertRejected(KernelRef.of(kpid), message);
	}

	private void assertRejected(KernelRef kpid, String message) {
		KernelPromise p = rules.promise(kpid);
		assertThat(p.isRejected()).isTrue();
		assertThat(SmallCaps.errorMessage(p.data().body())).contains(message);
	}

	@Test
	void anObjectOfARunningVatGoesToThatVat() {
		KernelRef kref = rules.object(this.alice, "o+1");
		KernelEvent.Send send = send(kref);
		assertThat(rules.queue.route(send, this.crank)).isEqualTo(new KernelQueue.Route(this.alice, kref, false));
		assertThat(rules.promise(KernelRef.of(send.msg().result())).isUnresolved()).isTrue();
	}

	@Test
	void anObjectOfATerminatedVatSplatsWithVatTerminated() {
		KernelRef kref = rules.object(this.alice, "o+1");
		rules.terminate(this.alice);
		KernelEvent.Send send = send(kref);
		assertThat(rules.queue.route(send, this.crank)).isEqualTo(KernelQueue.Route.SPLAT);
		assertRejected(send.msg().result(), "vat terminated");
	}

	@Test
	void aPromiseFulfilledToAnObjectForwardsToItsOwner() {
		KernelRef kref = rules.object(this.bob, "o+2");
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+1", VatTranslator.Mode.NORMAL);
		rules.queue.doResolve(this.alice, kpid, false, new CapData("#\"$0.Alleged: x\"", List.of(kref.value())), this.crank);
		assertThat(rules.queue.route(send(kpid), this.crank)).isEqualTo(new KernelQueue.Route(this.bob, kref, false));
	}

	@Test
	void aPromiseFulfilledToDataSplatsAsNotCallable() {
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+1", VatTranslator.Mode.NORMAL);
		rules.queue.doResolve(this.alice, kpid, false, CapData.of("#42"), this.crank);
		KernelEvent.Send send = send(kpid);
		assertThat(rules.queue.route(send, this.crank)).isEqualTo(KernelQueue.Route.SPLAT);
		assertRejected(send.msg().result(), "data is not callable, has no method ping");
	}

	@Test
	void aRejectedPromiseSplatsWithItsRejection() {
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+1", VatTranslator.Mode.NORMAL);
		rules.queue.doResolve(this.alice, kpid, true, SmallCaps.error("nope"), this.crank);
		KernelEvent.Send send = send(kpid);
		assertThat(rules.queue.route(send, this.crank)).isEqualTo(KernelQueue.Route.SPLAT);
		assertRejected(send.msg().result(), "nope");
	}

	@Test
	void anUnresolvedPromiseKeepsTheMessageWhileItsDeciderRuns() {
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+1", VatTranslator.Mode.NORMAL);
		KernelQueue.Route route = rules.queue.route(send(kpid), this.crank);
		assertThat(route.requeue()).isTrue();
		assertThat(route.target()).isEqualTo(kpid);
	}

	@Test
	void anUnresolvedPromiseWithoutDeciderKeepsTheMessage() {
		KernelRef kpid = rules.state.newPromiseKpid();
		rules.promises.insert(kpid, null, ResolutionPolicy.IGNORE);
		assertThat(rules.queue.route(send(kpid), this.crank).requeue()).isTrue();
	}

	@Test
	void anUnresolvedPromiseOfATerminatedDeciderSplats() {
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+1", VatTranslator.Mode.NORMAL);
		rules.terminate(this.alice);
		KernelEvent.Send send = send(kpid);
		assertThat(rules.queue.route(send, this.crank)).isEqualTo(KernelQueue.Route.SPLAT);
		assertRejected(send.msg().result(), "vat terminated");
	}

	@Test
	void resolvingNotifiesSubscribersAndRequeuesWaitingMessagesInOrder() {
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+1", VatTranslator.Mode.NORMAL);
		rules.queue.doSubscribe(this.bob, kpid);
		rules.queue.enqueueOnPromise(kpid, new VatMessage(SmallCaps.methargs("first", List.of()), null));
		rules.queue.enqueueOnPromise(kpid, new VatMessage(SmallCaps.methargs("second", List.of()), null));
		rules.queue.doResolve(this.alice, kpid, false, CapData.of("#1"), this.crank);
		List<String> accepted = rules.queues.items(QueueName.ACCEPTANCE);
		assertThat(accepted).hasSize(3);
		assertThat(accepted.get(0)).contains("notify").contains(this.bob.value()).contains(kpid.value());
		assertThat(accepted.get(1)).contains("first");
		assertThat(accepted.get(2)).contains("second");
		assertThat(rules.promises.subscribers(kpid)).isEmpty();
		assertThat(rules.promises.queueLength(kpid)).isZero();
	}

	@Test
	void subscribingToASettledPromiseNotifiesAtOnce() {
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+1", VatTranslator.Mode.NORMAL);
		rules.queue.doResolve(this.alice, kpid, false, CapData.of("#1"), this.crank);
		rules.queue.doSubscribe(this.bob, kpid);
		assertThat(rules.queues.items(QueueName.ACCEPTANCE)).singleElement().asString().contains("notify");
	}

	@Test
	void onlyTheDeciderMayResolve() {
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+1", VatTranslator.Mode.NORMAL);
		assertThatThrownBy(() -> rules.queue.doResolve(this.bob, kpid, false, CapData.of("#1"), this.crank))
			.isInstanceOf(IllegalSyscallException.class)
			.hasMessage(kpid + " is decided by " + this.alice + ", not " + this.bob);
		// The kernel resolving a promise a vat decides is the kernel's bug: a panic, not a vat fault.
		assertThatThrownBy(() -> rules.queue.doResolve(null, kpid, false, CapData.of("#1"), this.crank))
			.isInstanceOf(IllegalStateException.class);
		rules.queue.doResolve(this.alice, kpid, false, CapData.of("#1"), this.crank);
		assertThatThrownBy(() -> rules.queue.doResolve(this.alice, kpid, false, CapData.of("#2"), this.crank))
			.isInstanceOf(IllegalSyscallException.class)
			.hasMessage(kpid + " was already resolved");
	}

	@Test
	void rejectingAPanicPolicyPromisePanicsTheKernel() {
		KernelRef kpid = rules.state.newPromiseKpid();
		rules.promises.insert(kpid, null, ResolutionPolicy.PANIC);
		rules.queue.doResolve(null, kpid, true, SmallCaps.error("bad"), this.crank);
		assertThat(this.crank.panic()).startsWith(kpid + ".policy panic: rejected");
	}

}
