package org.vatkernel.console;

import java.util.List;

import org.vatkernel.kernel.VatQueries.VatComputrons;

/** The overview's bar chart: the vats that used the most computrons, each as a share of the most. */
record ComputronBars(List<Bar> bars) {

	static final int VATS = 12;

	record Bar(String vatId, String name, long computrons, int percent) {
	}

	static ComputronBars of(List<VatComputrons> totals) {
		long most = totals.stream().mapToLong(VatComputrons::computrons).max().orElse(0);
		return new ComputronBars(totals.stream()
			.map(t -> new Bar(t.vatId().value(), t.name(), t.computrons(),
					most == 0 ? 0 : (int) Math.round(100.0 * t.computrons() / most)))
			.toList());
	}

}
