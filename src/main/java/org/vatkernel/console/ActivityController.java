package org.vatkernel.console;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.KernelStatus;
import org.vatkernel.kernel.VatQueries;

/**
 * What the console's pages poll every second: the kernel's state and halt banner, queue lengths,
 * workers, the last minutes of cranks and deliveries per second, and computrons per vat. The
 * computron totals sum the transcripts, so they are read at most every {@link #COMPUTRONS_MILLIS}.
 */
@RestController
class ActivityController {

	static final long COMPUTRONS_MILLIS = 5_000;

	/** The overview's chart shows this many seconds. */
	static final int CHART_SECONDS = 180;

	/** The rates are averaged over this many seconds. */
	static final int RATE_SECONDS = 10;

	record Activity(KernelStatus status, @Nullable HaltBanner halt, double cranksPerSecond,
			double deliveriesPerSecond, List<KernelActivity.Second> seconds, ComputronBars computrons) {
	}

	private final KernelService kernel;

	private final VatQueries vats;

	private final KernelActivity activity;

	private final ConsoleModel common;

	private @Nullable ComputronBars computrons;

	private long computronsAt;

	ActivityController(KernelService kernel, VatQueries vats, KernelActivity activity, ConsoleModel common) {
		this.kernel = kernel;
		this.vats = vats;
		this.activity = activity;
		this.common = common;
	}

	@GetMapping("/console/activity")
	Activity activity() {
		KernelStatus status = this.kernel.status();
		List<KernelActivity.Second> seconds = this.activity.last(CHART_SECONDS);
		// The current second is still filling: rates are over the whole seconds before it.
		List<KernelActivity.Second> recent = seconds.subList(seconds.size() - 1 - RATE_SECONDS, seconds.size() - 1);
		double cranks = recent.stream().mapToLong(KernelActivity.Second::cranks).sum() / (double) RATE_SECONDS;
		double deliveries = recent.stream().mapToLong(KernelActivity.Second::deliveries).sum() / (double) RATE_SECONDS;
		return new Activity(status, this.common.halt(status), cranks, deliveries, seconds, computrons());
	}

	private synchronized ComputronBars computrons() {
		long now = System.currentTimeMillis();
		if (this.computrons == null || now - this.computronsAt >= COMPUTRONS_MILLIS) {
			this.computrons = ComputronBars.of(this.vats.computronsByVat(ComputronBars.VATS));
			this.computronsAt = now;
		}
		return this.computrons;
	}

}
