package org.vatkernel.kernel.gc;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vatkernel.model.GcActionType;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.GcActionStore.GcAction;
import org.vatkernel.state.GcActionStore;
import org.vatkernel.state.KernelObject;
import org.vatkernel.state.ObjectStore;

/**
 * SwingSet's {@code processGCActionSet}: picks the next GC delivery from the pending actions.
 * Vats in string order, and within a vat {@code dropExport}, {@code retireExport},
 * {@code retireImport}; actions that things have overtaken (the object is reachable again, the
 * entry is gone) are dropped; the first (vat, type) group with anything left is one delivery.
 */
@Component
public class GcActions {

	/** One GC delivery: {@code dropExports}, {@code retireExports} or {@code retireImports}. */
	public record Delivery(VatId vatId, GcActionType type, List<KernelRef> krefs) {
	}

	private final GcActionStore store;

	private final ClistStore clist;

	private final ObjectStore objects;

	public GcActions(GcActionStore store, ClistStore clist, ObjectStore objects) {
		this.store = store;
		this.clist = clist;
		this.objects = objects;
	}

	/**
	 * Removes the actions it looks at from the set.
	 * @return the delivery to make, or null when only negated actions were removed
	 */
	public @Nullable Delivery next() {
		// Vats in string order (v10 before v2, as SwingSet sorts them); types in the enum's order.
		Map<String, Map<GcActionType, List<GcAction>>> byVat = new TreeMap<>();
		for (GcAction action : this.store.all()) {
			byVat.computeIfAbsent(action.vatId().value(), v -> new EnumMap<>(GcActionType.class))
				.computeIfAbsent(action.action(), t -> new ArrayList<>())
				.add(action);
		}
		for (Map.Entry<String, Map<GcActionType, List<GcAction>>> vat : byVat.entrySet()) {
			for (Map.Entry<GcActionType, List<GcAction>> group : vat.getValue().entrySet()) {
				List<GcAction> actions = group.getValue();
				List<KernelRef> krefs = new ArrayList<>();
				for (GcAction action : actions) {
					if (shouldProcess(action)) {
						krefs.add(action.kref());
					}
					this.store.delete(action);
				}
				if (!krefs.isEmpty()) {
					krefs.sort(java.util.Comparator.comparing(KernelRef::value)); // string order, as SwingSet
					return new Delivery(VatId.of(vat.getKey()), group.getKey(), krefs);
				}
			}
		}
		return null;
	}

	private boolean shouldProcess(GcAction action) {
		ClistEntry entry = this.clist.byKref(action.vatId(), action.kref()).orElse(null);
		KernelObject object = this.objects.find(action.kref()).orElse(null);
		return switch (action.action()) {
			case DROP_EXPORT -> object != null && object.reachableCount() == 0 && entry != null
					&& entry.reachable();
			case RETIRE_EXPORT -> object != null && object.reachableCount() == 0
					&& object.recognizableCount() == 0 && entry != null;
			case RETIRE_IMPORT -> entry != null;
		};
	}

}
