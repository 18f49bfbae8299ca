package org.vatkernel.kernel.crank;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vatkernel.kernel.crank.CrankContext;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SwingSet's reference counting and {@code processRefcounts}, case by case: what holds a count,
 * what happens when the last one goes (promise deleted, exporter asked to drop and retire,
 * importers told to retire an orphan), and that nothing is freed while a count is back up by
 * the end of the crank. Real stores on an in-memory H2; no Spring context, no worker.
 */
class RefCountsTests {

	@RegisterExtension
	static final KernelRules rules = new KernelRules();

	private VatId alice;

	private VatId bob;

	private VatId carol;

	@BeforeEach
	void setUp() {
		this.alice = rules.vat("alice");
		this.bob = rules.vat("bob");
		this.carol = rules.vat("carol");
	}

	@Test
	void aQueuedMessageHoldsItsTargetResultAndSlots() {
		KernelRef target = rules.object(this.alice, "o+1");
		KernelRef arg = rules.object(this.bob, "o+2");
		KernelRef result = rules.state.newPromiseKpid();
		rules.promises.insert(result, null, ResolutionPolicy.IGNORE);
		VatMessage msg = new VatMessage(new CapData("#[\"m\",[\"$0\"]]", List.of(arg.value())), result.value());
		rules.refCounts.incrementMessage(target, msg);
		assertThat(rules.find(target).reachableCount()).isEqualTo(1);
		assertThat(rules.find(arg).reachableCount()).isEqualTo(1);
		assertThat(rules.promise(result).refCount()).isEqualTo(1);
		rules.refCounts.decrementMessage(target, msg);
		rules.refCounts.processRefcounts();
		// The promise had nothing else: deleted. The objects' exporters are asked to drop them.
		assertThat(rules.promises.find(result)).isEmpty();
		assertThat(rules.pendingGcActions()).containsExactly(this.alice + " dropExport " + target,
				this.alice + " retireExport " + target, this.bob + " dropExport " + arg,
				this.bob + " retireExport " + arg);
	}

	@Test
	void aCountBackUpBeforeTheEndOfTheCrankFreesNothing() {
		KernelRef target = rules.object(this.alice, "o+1");
		VatMessage msg = new VatMessage(SmallCaps.methargs("m", List.of()), null);
		rules.refCounts.incrementMessage(target, msg);
		// A message moving between queues: down to zero and up again within one crank.
		rules.refCounts.decrementMessage(target, msg);
		rules.refCounts.incrementMessage(target, msg);
		rules.refCounts.processRefcounts();
		assertThat(rules.pendingGcActions()).isEmpty();
		assertThat(rules.find(target).reachableCount()).isEqualTo(1);
	}

	@Test
	void anObjectStillRecognizedIsDroppedButNotRetired() {
		KernelRef kref = rules.object(this.alice, "o+1", this.bob);
		rules.translator.clearReachable(this.bob, kref);
		rules.refCounts.processRefcounts();
		assertThat(rules.find(kref).recognizableCount()).isEqualTo(1);
		assertThat(rules.pendingGcActions()).containsExactly(this.alice + " dropExport " + kref);
	}

	@Test
	void aSettledPromiseReleasesItsResolutionsSlotsWhenDeleted() {
		KernelRef kref = rules.object(this.alice, "o+1");
		KernelRef kpid = rules.state.newPromiseKpid();
		rules.promises.insert(kpid, null, ResolutionPolicy.IGNORE);
		rules.refCounts.increment(kpid, false, false);
		rules.queue.doResolve(null, kpid, false, KernelRules.slots(kref), new CrankContext(1));
		assertThat(rules.find(kref).reachableCount()).isEqualTo(1);
		rules.refCounts.decrement(kpid, false, false);
		rules.refCounts.processRefcounts();
		assertThat(rules.promises.find(kpid)).isEmpty();
		assertThat(rules.find(kref).reachableCount()).isZero();
		assertThat(rules.pendingGcActions()).contains(this.alice + " dropExport " + kref);
	}

	@Test
	void anOrphanStillImportedIsRetiredFromEveryImporter() {
		KernelRef kref = rules.object(this.alice, "o+1", this.bob, this.carol);
		rules.terminate(this.alice);
		rules.translator.orphanExport(this.alice, kref);
		rules.translator.clearReachable(this.bob, kref);
		rules.translator.clearReachable(this.carol, kref);
		rules.refCounts.processRefcounts();
		// Nobody can reach it and its exporter is gone: every importer retires it; it is deleted.
		assertThat(rules.objects.find(kref)).isEmpty();
		assertThat(rules.pendingGcActions()).containsExactly(this.bob + " retireImport " + kref,
				this.carol + " retireImport " + kref);
	}

	@Test
	void aTerminatedExporterIsNeverAskedToDrop() {
		KernelRef kref = rules.object(this.alice, "o+1", this.bob);
		rules.terminate(this.alice);
		rules.translator.deleteEntry(this.bob, kref);
		rules.refCounts.processRefcounts();
		assertThat(rules.objects.find(kref)).isEmpty();
		assertThat(rules.clist.byKref(this.alice, kref)).isEmpty();
		assertThat(rules.pendingGcActions()).isEmpty();
	}

	@Test
	void aPinnedObjectIsNeverFreed() {
		KernelRef kref = rules.object(this.alice, "o+1", this.bob);
		assertThat(rules.objects.pin(kref)).isTrue();
		rules.refCounts.increment(kref, false, false);
		rules.translator.deleteEntry(this.bob, kref);
		rules.refCounts.processRefcounts();
		assertThat(rules.find(kref).reachableCount()).isEqualTo(1);
		assertThat(rules.pendingGcActions()).isEmpty();
	}

	@Test
	void anUnderflowIsTheKernelsBug() {
		KernelRef kpid = rules.state.newPromiseKpid();
		rules.promises.insert(kpid, null, ResolutionPolicy.IGNORE);
		assertThatThrownBy(() -> rules.refCounts.decrement(kpid, false, false))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("refCount underflow " + kpid);
	}

}
