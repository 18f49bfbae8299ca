package org.vatkernel.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.vatkernel.kernel.CrankListeners;

import static org.assertj.core.api.Assertions.assertThat;

/** The live chart's counts: per second, a quiet second as zero, old seconds forgotten. */
class KernelActivityTests {

	private final AtomicLong millis = new AtomicLong(1_000_000_000L);

	private final KernelActivity activity = new KernelActivity(new CrankListeners(), new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(KernelActivityTests.this.millis.get());
		}
	});

	@Test
	void countsCranksAndDeliveriesPerSecond() {
		long second = this.millis.get() / 1000;
		this.activity.record(second, true);
		this.activity.record(second, false);
		this.activity.record(second + 2, true);
		this.millis.addAndGet(2_500);
		List<KernelActivity.Second> last = this.activity.last(3);
		assertThat(last).containsExactly(new KernelActivity.Second(second, 2, 1),
				new KernelActivity.Second(second + 1, 0, 0), new KernelActivity.Second(second + 2, 1, 1));
	}

	@Test
	void aSlotReusedAfterTheRingWrapsStartsFromZero() {
		long second = this.millis.get() / 1000;
		this.activity.record(second, true);
		this.activity.record(second + KernelActivity.SECONDS, false);
		this.millis.addAndGet(KernelActivity.SECONDS * 1000L);
		List<KernelActivity.Second> last = this.activity.last(KernelActivity.SECONDS);
		assertThat(last).hasSize(KernelActivity.SECONDS);
		assertThat(last.get(last.size() - 1)).isEqualTo(new KernelActivity.Second(second + KernelActivity.SECONDS, 1, 0));
		assertThat(last.stream().mapToLong(KernelActivity.Second::cranks).sum()).isEqualTo(1);
	}

}
