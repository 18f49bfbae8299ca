package org.vatkernel.model;

import java.util.List;

/**
 * A pending GC action and the delivery that carries it, in SwingSet's priority order
 * ({@code processGCActionSet}): within a vat every {@code dropExport} goes before any
 * {@code retireExport}, which goes before any {@code retireImport}.
 */
public enum GcActionType {

	DROP_EXPORT("dropExport", "dropExports"),

	RETIRE_EXPORT("retireExport", "retireExports"),

	RETIRE_IMPORT("retireImport", "retireImports");

	private final String action;

	private final String deliveryType;

	GcActionType(String action, String deliveryType) {
		this.action = action;
		this.deliveryType = deliveryType;
	}

	/** SwingSet's name of the action, as stored in the kernel DB: {@code dropExport}. */
	public String action() {
		return this.action;
	}

	/** The delivery's type: {@code dropExports}. */
	public String deliveryType() {
		return this.deliveryType;
	}

	/** The delivery to the vat that carries these vrefs. */
	public VatDelivery delivery(List<String> vrefs) {
		return switch (this) {
			case DROP_EXPORT -> new VatDelivery.DropExports(vrefs);
			case RETIRE_EXPORT -> new VatDelivery.RetireExports(vrefs);
			case RETIRE_IMPORT -> new VatDelivery.RetireImports(vrefs);
		};
	}

	public static GcActionType ofAction(String action) {
		for (GcActionType type : values()) {
			if (type.action.equals(action)) {
				return type;
			}
		}
		throw new IllegalArgumentException("not a GC action: " + action);
	}

}
