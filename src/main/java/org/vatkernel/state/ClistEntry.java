package org.vatkernel.state;

import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatRef;

/** One c-list entry: in {@code vatId}, {@code kref} is known as {@code vref}. */
public record ClistEntry(VatId vatId, KernelRef kref, VatRef vref, boolean reachable) {

	/** Whether the vat allocated the vref ({@code o+}/{@code p+}), i.e. it is the vat's export. */
	public boolean isExport() {
		return this.vref.allocatedByVat();
	}

}
