package org.vatkernel.kernel;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's side of the timer. Automatic polls: an idle kernel polls its timer device with the
 * wall-clock time. A restart of the application: the first half of the polls of
 * {@link TimerIntegrationTests} on one run, the rest on the next, over the same kernel DB. The
 * timer's state (its schedule and the last poll's time) is kernel state and the vats come back
 * from their transcripts, so the wakeups are SwingSet's ({@code swingset-recorded/timer.log}).
 */
class TimerHostIntegrationTests {

	private static final Path CONFIG = TestConfigs.write("boot",
			TestConfigs.vats("boot", "timer-boot", "other", "timer-other"),
			"\"devices\": { \"timer\": { \"sourceSpec\": \"device-timer.js\" } }");

	@Test
	void theSameWakeupsAfterARestart(@TempDir Path dir) throws IOException {
		String url = TestDatabase.isPostgres() ? TestDatabase.freshPostgres()
				: "jdbc:h2:file:" + dir.resolve("kernel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		try (TestKernel first = TestKernel.start(CONFIG, "spring.datasource.url=" + url)) {
			first.awaitIdle();
			poll(first, 3, 5, 7);
		}
		try (TestKernel second = TestKernel.start(CONFIG, "spring.datasource.url=" + url)) {
			second.awaitIdle();
			assertThat(second.kernel().timerLastPolled()).isEqualTo(BigInteger.valueOf(7));
			poll(second, 10, 12, 20);
			second.kernel().queueToVatRoot(VatId.of("v1"), "stopRepeater", List.of());
			second.awaitIdle();
			poll(second, 25, 30);
			List<String> recorded = Files.readAllLines(Path.of("src/test/resources/swingset-recorded/timer.log"));
			assertThat(second.kernel().testLog()).containsExactlyElementsOf(recorded);
		}
	}

	@Test
	void anIdleKernelPollsTheTimerWithTheWallClock() throws InterruptedException {
		// Taken before the start: the poller may fire while the bootstrap is still running.
		long before = java.time.Instant.now().getEpochSecond();
		try (TestKernel kernel = TestKernel.start(CONFIG, "kernel.timer-poll-interval=50ms")) {
			kernel.awaitIdle();
			long deadline = System.nanoTime() + 30_000_000_000L;
			while (kernel.kernel().timerLastPolled().signum() == 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			long polled = kernel.kernel().timerLastPolled().longValueExact();
			assertThat(polled).isBetween(before - 1, java.time.Instant.now().getEpochSecond());
			// wakeAt(12), long past, fires at the first wall-clock poll after the bootstrap set it.
			String fired = null;
			while (fired == null && System.nanoTime() < deadline) {
				fired = kernel.kernel().testLog().stream().filter(l -> l.startsWith("wakeAt 12 fired at ")).findFirst().orElse(null);
				Thread.sleep(20);
			}
			assertThat(fired).isNotNull();
			assertThat(Long.parseLong(fired.substring("wakeAt 12 fired at ".length())))
				.isBetween(before - 1, java.time.Instant.now().getEpochSecond());
		}
	}

	private static void poll(TestKernel kernel, long... times) {
		for (long t : times) {
			kernel.kernel().pollTimer(BigInteger.valueOf(t));
			kernel.awaitIdle();
		}
	}

}
