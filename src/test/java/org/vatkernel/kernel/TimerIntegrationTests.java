package org.vatkernel.kernel;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.VatId;
import org.vatkernel.vat.VatWarehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The timer: SwingSet's {@code vat-timer.js}, unmodified, over vatkernel's timer device, which
 * the host polls. {@code delay}, {@code wakeAt}, {@code setWakeup} with a handler in another
 * vat, {@code cancel}, {@code repeatAfter} and {@code makeRepeater} over several polls give the
 * test log SwingSet 0.33.0 gave for the same config and polls
 * ({@code swingset-recorded/timer.log}); halfway, every worker is discarded, so the rest runs
 * on vats replayed from their transcripts.
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TimerIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write("boot", TestConfigs.vats("boot", "timer-boot", "other", "timer-other"),
				"\"devices\": { \"timer\": { \"sourceSpec\": \"device-timer.js\" } }"));
	}

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Autowired
	VatWarehouse warehouse;

	@Test
	void wakeupsArriveAsOnSwingSetAcrossPollsAndReplay() throws IOException {
		TestConfigs.awaitIdle(this.runner);
		assertThat(this.kernel.timerConfigured()).isTrue();
		assertThat(this.kernel.vats().stream().filter(v -> v.name().equals("timer")).findFirst().orElseThrow().vatId())
			.isEqualTo(VatId.of("v5"));
		for (long t : new long[] { 3, 5, 7 }) {
			poll(t);
		}
		// The rest runs on workers brought back from transcripts: the same wakeups.
		this.warehouse.discardAll();
		for (long t : new long[] { 10, 12, 20 }) {
			poll(t);
		}
		this.kernel.queueToVatRoot(VatId.of("v1"), "stopRepeater", List.of());
		TestConfigs.awaitIdle(this.runner);
		poll(25);
		assertThat(this.kernel.pollTimer(BigInteger.valueOf(30)).woke()).isTrue();
		TestConfigs.awaitIdle(this.runner);

		List<String> recorded = Files.readAllLines(Path.of("src/test/resources/swingset-recorded/timer.log"));
		assertThat(this.kernel.testLog()).containsExactlyElementsOf(recorded);
		assertThat(this.kernel.timerLastPolled()).isEqualTo(BigInteger.valueOf(30));

		// Time does not go back; nothing changes and the kernel keeps running.
		String hash = this.kernel.stateHash();
		assertThatThrownBy(() -> this.kernel.pollTimer(BigInteger.valueOf(29))).isInstanceOf(RequestRefusedException.class)
			.hasMessageContaining("Time is monotonic. 29 cannot be less than 30");
		assertThat(this.kernel.stateHash()).isEqualTo(hash);
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
	}

	private void poll(long time) {
		this.kernel.pollTimer(BigInteger.valueOf(time));
		TestConfigs.awaitIdle(this.runner);
	}

}
