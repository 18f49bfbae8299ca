package org.vatkernel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timing and the order statistics the benchmarks report. */
final class Medians {

	private Medians() {
	}

	static long time(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return System.nanoTime() - start;
	}

	static double ms(long nanos) {
		return nanos / 1e6;
	}

	static long median(List<Long> values) {
		return percentile(values, 50);
	}

	static long percentile(List<Long> values, int p) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
	}

}
