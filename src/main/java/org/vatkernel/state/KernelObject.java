package org.vatkernel.state;

import org.jspecify.annotations.Nullable;

/** A kernel object: its exporting vat (null once orphaned) and reference counts. */
public record KernelObject(String kref, @Nullable String ownerVatId, int reachableCount, int recognizableCount,
		boolean pinned) {
}
