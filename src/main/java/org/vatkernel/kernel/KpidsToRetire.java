package org.vatkernel.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import org.vatkernel.state.KernelPromise;

/**
 * The batch one notify delivers: the promise plus every already-settled promise reachable
 * through the resolution data, depth first (SwingSet's {@code getKpidsToRetire}).
 */
final class KpidsToRetire {

	private KpidsToRetire() {
	}

	static List<String> collect(String kpid, @Nullable CapData data, Function<String, KernelPromise> promises) {
		Set<String> seen = new LinkedHashSet<>();
		scan(kpid, data, promises, seen);
		return new ArrayList<>(seen);
	}

	private static void scan(String kpid, @Nullable CapData data, Function<String, KernelPromise> promises,
			Set<String> seen) {
		seen.add(kpid);
		if (data == null) {
			return;
		}
		for (String slot : data.slots()) {
			if (Refs.isPromise(slot) && !seen.contains(slot)) {
				KernelPromise p = promises.apply(slot);
				if (!p.isUnresolved() && p.data() != null) {
					scan(slot, p.data(), promises, seen);
				}
			}
		}
	}

}
