package org.vatkernel.kernel.crank;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.state.KernelPromise;

/**
 * The batch one notify delivers: the promise plus every already-settled promise reachable
 * through the resolution data, depth first (SwingSet's {@code getKpidsToRetire}).
 */
final class KpidsToRetire {

	private KpidsToRetire() {
	}

	static List<KernelRef> collect(KernelRef kpid, @Nullable CapData data, Function<KernelRef, KernelPromise> promises) {
		Set<KernelRef> seen = new LinkedHashSet<>();
		scan(kpid, data, promises, seen);
		return new ArrayList<>(seen);
	}

	private static void scan(KernelRef kpid, @Nullable CapData data, Function<KernelRef, KernelPromise> promises,
			Set<KernelRef> seen) {
		seen.add(kpid);
		if (data == null) {
			return;
		}
		for (String s : data.slots()) {
			KernelRef slot = KernelRef.of(s);
			if (slot.isPromise() && !seen.contains(slot)) {
				KernelPromise p = promises.apply(slot);
				if (!p.isUnresolved() && p.data() != null) {
					scan(slot, p.data(), promises, seen);
				}
			}
		}
	}

}
