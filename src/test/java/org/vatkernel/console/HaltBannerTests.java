package org.vatkernel.console;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vatkernel.kernel.HaltReason;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;

/** The halt banner's one sentence for each kind of halt. */
class HaltBannerTests {

	private static final Instant AT = Instant.parse("2026-12-03T17:02:12.345Z");

	@Test
	void aKilledWorkerNamesTheVatTheSignalTheCrankAndTheTime() {
		HaltBanner banner = HaltBanner.of(new HaltReason("worker of vat v7 died: signal 9", VatId.of("v7"), null, 9, 42,
				AT, "last words"), "counter");
		assertThat(banner.sentence())
			.isEqualTo("The worker of vat v7 (counter) was killed by signal 9 during crank 42 at 2026-12-03 17:02:12 UTC.");
		assertThat(banner.stderrTail()).isEqualTo("last words");
	}

	@Test
	void aWorkerThatExitedNamesItsCode() {
		HaltBanner banner = HaltBanner.of(new HaltReason("exit", VatId.of("v3"), 3, null, 5, AT, null), null);
		assertThat(banner.sentence()).isEqualTo("The worker of vat v3 exited with code 3 during crank 5 at 2026-12-03 17:02:12 UTC.");
	}

	@Test
	void anotherHaltGivesTheFirstLineOfItsReason() {
		HaltBanner banner = HaltBanner.of(new HaltReason("kp40.policy panic: rejected boom\nmore", null, null, null, 9,
				AT, null), null);
		assertThat(banner.sentence())
			.isEqualTo("The kernel halted during crank 9 at 2026-12-03 17:02:12 UTC. kp40.policy panic: rejected boom");
	}

}
