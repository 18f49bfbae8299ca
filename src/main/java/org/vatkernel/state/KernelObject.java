package org.vatkernel.state;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;

/** A kernel object: its exporting vat (null once orphaned) and reference counts. */
public record KernelObject(KernelRef kref, @Nullable VatId ownerVatId, int reachableCount, int recognizableCount,
		boolean pinned) {
}
