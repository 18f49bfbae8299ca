package org.vatkernel.kernel.crank;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vatkernel.kernel.crank.IllegalSyscallException;
import org.vatkernel.kernel.crank.VatTranslator;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatRef;
import org.vatkernel.state.ClistEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SwingSet's {@code vatTranslator} rules, as tables: which vrefs a vat gets for krefs, which
 * krefs its vrefs map to, what counts each entry holds, and which vrefs are illegal. Real
 * stores on an in-memory H2; no Spring context, no worker.
 */
class VatTranslatorTests {

	@RegisterExtension
	static final KernelRules rules = new KernelRules();

	private VatId alice;

	private VatId bob;

	@BeforeEach
	void setUp() {
		this.alice = rules.vat("alice");
		this.bob = rules.vat("bob");
	}

	@Test
	void importsAreNumberedPerVatAndKindFromFifty() {
		KernelRef ko1 = rules.object(this.alice, "o+1");
		KernelRef ko2 = rules.object(this.alice, "o+2");
		KernelRef kp = rules.translator.toKernel(this.alice, "p+7", VatTranslator.Mode.NORMAL);
		// Kernel-allocated vrefs count per vat and kind: objects o-50…, promises p-60…
		assertThat(rules.translator.toVat(this.bob, ko1, true).value()).isEqualTo("o-50");
		assertThat(rules.translator.toVat(this.bob, kp, true).value()).isEqualTo("p-60");
		assertThat(rules.translator.toVat(this.bob, ko2, true).value()).isEqualTo("o-51");
		// Asked again, the same entry answers; nothing new is allocated.
		assertThat(rules.translator.toVat(this.bob, ko1, true).value()).isEqualTo("o-50");
		assertThat(rules.clist.size(this.bob)).isEqualTo(3);
	}

	@Test
	void anExportGetsOneKrefAndItsOwner() {
		KernelRef kref = rules.translator.toKernel(this.alice, "o+4", VatTranslator.Mode.NORMAL);
		assertThat(kref.value()).startsWith("ko");
		assertThat(rules.translator.toKernel(this.alice, "o+4", VatTranslator.Mode.NORMAL)).isEqualTo(kref);
		assertThat(rules.find(kref).ownerVatId()).isEqualTo(this.alice);
		// The exporter's own entry holds no count on the object.
		assertThat(rules.find(kref).reachableCount()).isZero();
		assertThat(rules.find(kref).recognizableCount()).isZero();
		assertThat(rules.translator.toVat(this.alice, kref, true).value()).isEqualTo("o+4");
	}

	@Test
	void anExportedPromiseIsDecidedByItsExporterAndCountsItsEntry() {
		KernelRef kpid = rules.translator.toKernel(this.alice, "p+3", VatTranslator.Mode.NORMAL);
		assertThat(kpid.value()).startsWith("kp");
		assertThat(rules.promise(kpid).deciderVatId()).isEqualTo(this.alice);
		assertThat(rules.promise(kpid).refCount()).isEqualTo(1);
	}

	@Test
	void importingCountsRecognitionAndReachability() {
		KernelRef kref = rules.object(this.alice, "o+1");
		rules.translator.toVat(this.bob, kref, false);
		assertThat(rules.find(kref).recognizableCount()).isEqualTo(1);
		assertThat(rules.find(kref).reachableCount()).isZero();
		rules.translator.toVat(this.bob, kref, true);
		assertThat(rules.find(kref).reachableCount()).isEqualTo(1);
		ClistEntry entry = rules.clist.byKref(this.bob, kref).orElseThrow();
		assertThat(entry.reachable()).isTrue();
		// A second sighting does not count twice.
		rules.translator.toVat(this.bob, kref, true);
		assertThat(rules.find(kref).reachableCount()).isEqualTo(1);
	}

	@Test
	void deletingAnImportReleasesBothCountsAndMarksTheObjectMaybeFree() {
		KernelRef kref = rules.object(this.alice, "o+1", this.bob);
		rules.translator.deleteEntry(this.bob, kref);
		assertThat(rules.find(kref).reachableCount()).isZero();
		assertThat(rules.find(kref).recognizableCount()).isZero();
		assertThat(rules.translator.hasEntry(this.bob, kref)).isFalse();
		rules.refCounts.processRefcounts();
		// Alice's export was reachable: she is asked to drop it, then to retire it.
		assertThat(rules.pendingGcActions()).containsExactly(this.alice + " dropExport " + kref,
				this.alice + " retireExport " + kref);
	}

	static Stream<Arguments> illegalVrefs() {
		return Stream.of(
				// vref, mode → the vat's fault, in SwingSet's words where it has them
				Arguments.of("x+1", VatTranslator.Mode.NORMAL, "invalid vref x+1"),
				Arguments.of("o+01", VatTranslator.Mode.NORMAL, "invalid vref o+01"),
				Arguments.of("o-50", VatTranslator.Mode.NORMAL, "unknown vatSlot o-50"),
				Arguments.of("p-60", VatTranslator.Mode.NORMAL, "unknown vatSlot p-60"),
				Arguments.of("o+9", VatTranslator.Mode.REQUIRED, "vref o+9 not in clist"),
				Arguments.of("d+1", VatTranslator.Mode.NORMAL, "normal vats aren't allowed to export device nodes"));
	}

	@ParameterizedTest(name = "{0} ({1}): {2}")
	@MethodSource("illegalVrefs")
	void illegalVrefsAreTheVatsFault(String vref, VatTranslator.Mode mode, String message) {
		assertThatThrownBy(() -> rules.translator.toKernel(this.alice, vref, mode))
			.isInstanceOf(IllegalSyscallException.class)
			.hasMessage(message);
		assertThat(rules.clist.size(this.alice)).isZero();
	}

	@Test
	void aResultPromiseMustBeNew() {
		rules.translator.toKernel(this.alice, "p+5", VatTranslator.Mode.NORMAL);
		assertThatThrownBy(() -> rules.translator.toKernel(this.alice, "p+5", VatTranslator.Mode.REQUIRE_NEW))
			.isInstanceOf(IllegalSyscallException.class)
			.hasMessage("vref p+5 is already allocated");
	}

	@Test
	void anImportTheVatDroppedCannotBeUsed() {
		KernelRef kref = rules.object(this.alice, "o+1", this.bob);
		VatRef vref = rules.translator.toVat(this.bob, kref, true);
		rules.translator.clearReachable(this.bob, kref);
		assertThatThrownBy(() -> rules.translator.toKernel(this.bob, vref, VatTranslator.Mode.NORMAL))
			.isInstanceOf(IllegalSyscallException.class)
			.hasMessage("vat tried to access unreachable import " + vref);
		// A GC syscall may still name it.
		assertThat(rules.translator.toKernel(this.bob, vref, VatTranslator.Mode.REQUIRED)).isEqualTo(kref);
	}

	@Test
	void theKernelNeverSendsAnExportItsOwnerDropped() {
		KernelRef kref = rules.object(this.alice, "o+1");
		rules.translator.clearReachable(this.alice, kref);
		assertThatThrownBy(() -> rules.translator.toVat(this.alice, kref, true))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("kernel sent unreachable export " + kref + " to " + this.alice);
	}

}
