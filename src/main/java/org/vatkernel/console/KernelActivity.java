package org.vatkernel.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.CrankFinished;
import org.vatkernel.kernel.CrankListeners;

/**
 * Cranks and deliveries per second over the last {@link #SECONDS} seconds, counted from the
 * kernel's own crank notices (no metrics registry needed), for the console's live chart. A ring of
 * per-second buckets: memory is fixed, and a quiet second reads as zero.
 */
@Component
class KernelActivity {

	static final int SECONDS = 300;

	/** One second of work. */
	record Second(long epochSecond, long cranks, long deliveries) {
	}

	private final Clock clock;

	private final long[] stamps = new long[SECONDS];

	private final long[] cranks = new long[SECONDS];

	private final long[] deliveries = new long[SECONDS];

	private final AutoCloseable subscription;

	@Autowired
	KernelActivity(CrankListeners listeners) {
		this(listeners, Clock.systemUTC());
	}

	KernelActivity(CrankListeners listeners, Clock clock) {
		this.clock = clock;
		this.subscription = listeners.add(this::finished);
	}

	void finished(CrankFinished crank) {
		record(this.clock.millis() / 1000, "delivered".equals(crank.kind()));
	}

	synchronized void record(long second, boolean delivery) {
		int slot = (int) Math.floorMod(second, (long) SECONDS);
		if (this.stamps[slot] != second) {
			this.stamps[slot] = second;
			this.cranks[slot] = 0;
			this.deliveries[slot] = 0;
		}
		this.cranks[slot]++;
		if (delivery) {
			this.deliveries[slot]++;
		}
	}

	/** The last {@code seconds} whole seconds, oldest first, ending with the current one. */
	synchronized List<Second> last(int seconds) {
		int n = Math.min(seconds, SECONDS);
		long now = this.clock.millis() / 1000;
		List<Second> result = new ArrayList<>(n);
		for (long second = now - n + 1; second <= now; second++) {
			int slot = (int) Math.floorMod(second, (long) SECONDS);
			boolean current = this.stamps[slot] == second;
			result.add(new Second(second, current ? this.cranks[slot] : 0, current ? this.deliveries[slot] : 0));
		}
		return result;
	}

	@PreDestroy
	void close() throws Exception {
		this.subscription.close();
	}

}
