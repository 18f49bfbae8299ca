package org.vatkernel.kernel.crank;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vatkernel.kernel.gc.GcActions;
import org.vatkernel.model.GcActionType;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SwingSet's {@code processGCActionSet} order as a table: vats in string order ({@code v10}
 * before {@code v2}), within a vat {@code dropExports}, {@code retireExports},
 * {@code retireImports}, krefs sorted; actions overtaken by events are dropped without a
 * delivery. Real stores on an in-memory H2; no Spring context, no worker.
 */
class GcActionsTests {

	@RegisterExtension
	static final KernelRules rules = new KernelRules();

	/** Every delivery {@link GcActions#next()} gives until the set is empty. */
	private static List<String> drain() {
		List<String> deliveries = new ArrayList<>();
		while (!rules.gcActionStore.isEmpty()) {
			GcActions.Delivery d = rules.gcActions.next();
			deliveries.add(d == null ? "(none)" : d.vatId() + " " + d.type().deliveryType() + " " + d.krefs());
		}
		return deliveries;
	}

	@Test
	void vatsInStringOrderAndDropBeforeRetireBeforeRetireImport() {
		List<VatId> vats = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			vats.add(rules.vat("vat" + i));
		}
		VatId v2 = vats.get(1);
		VatId v10 = vats.get(9);
		VatId importer = vats.get(2);
		// v2 exports two objects nobody reaches or recognizes any more; v10 one still recognized.
		KernelRef a = rules.object(v2, "o+1");
		KernelRef b = rules.object(v2, "o+2");
		KernelRef c = rules.object(v10, "o+1", importer);
		rules.translator.clearReachable(importer, c);
		// An orphan still imported by v3 (the importer), already unreachable.
		KernelRef d = rules.object(v10, "o+2", importer);
		rules.translator.clearReachable(importer, d);
		rules.gcActionStore.add(importer, GcActionType.RETIRE_IMPORT, d);
		rules.gcActionStore.add(v2, GcActionType.RETIRE_EXPORT, b);
		rules.gcActionStore.add(v2, GcActionType.DROP_EXPORT, b);
		rules.gcActionStore.add(v2, GcActionType.DROP_EXPORT, a);
		rules.gcActionStore.add(v2, GcActionType.RETIRE_EXPORT, a);
		rules.gcActionStore.add(v10, GcActionType.DROP_EXPORT, c);
		assertThat(List.of(v2, v10, importer)).extracting(VatId::value).containsExactly("v2", "v10", "v3");
		List<KernelRef> ab = new ArrayList<>(List.of(a, b));
		ab.sort(java.util.Comparator.comparing(KernelRef::value)); // krefs in string order too
		List<String> expected = List.of(v10 + " dropExports [" + c + "]", v2 + " dropExports " + ab,
				v2 + " retireExports " + ab, importer + " retireImports [" + d + "]");
		// The deliveries make the c-list changes they announce, so the next action sees them.
		List<String> made = new ArrayList<>();
		while (!rules.gcActionStore.isEmpty()) {
			GcActions.Delivery delivery = rules.gcActions.next();
			made.add(delivery.vatId() + " " + delivery.type().deliveryType() + " " + delivery.krefs());
			rules.translator.gcDeliveryToVat(delivery.vatId(), delivery.type(), delivery.krefs());
		}
		assertThat(made).isEqualTo(expected);
	}

	@Test
	void aDropOvertakenByANewReferenceIsDroppedSilently() {
		VatId v1 = rules.vat("exporter");
		VatId v2 = rules.vat("importer");
		KernelRef kref = rules.object(v1, "o+1");
		rules.gcActionStore.add(v1, GcActionType.DROP_EXPORT, kref);
		// Before the action runs, another vat imports the object: it is reachable again.
		rules.translator.toVat(v2, kref, true);
		assertThat(drain()).containsExactly("(none)");
	}

	@Test
	void aRetireExportOfAStillRecognizedObjectIsDropped() {
		VatId v1 = rules.vat("exporter");
		VatId v2 = rules.vat("importer");
		KernelRef kref = rules.object(v1, "o+1", v2);
		rules.translator.clearReachable(v2, kref);
		rules.gcActionStore.add(v1, GcActionType.DROP_EXPORT, kref);
		rules.gcActionStore.add(v1, GcActionType.RETIRE_EXPORT, kref);
		// dropExport still holds; retireExport does not (v2 still recognizes it) and goes unsent.
		assertThat(drain()).containsExactly(v1 + " dropExports [" + kref + "]", "(none)");
	}

	@Test
	void aRetireImportForAnEntryAlreadyGoneIsDropped() {
		VatId v1 = rules.vat("exporter");
		VatId v2 = rules.vat("importer");
		KernelRef kref = rules.object(v1, "o+1", v2);
		rules.translator.deleteEntry(v2, kref);
		rules.refCounts.reset();
		rules.gcActionStore.add(v2, GcActionType.RETIRE_IMPORT, kref);
		assertThat(drain()).containsExactly("(none)");
	}

}
