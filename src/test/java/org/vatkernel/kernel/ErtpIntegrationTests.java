package org.vatkernel.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ERTP, unmodified ({@code @agoric/ertp} as published, bundled with the vat sources): an issuer
 * kit in one vat, purses in two others, payments passed between them through the kernel, and
 * ERTP's own refusals (a payment deposited twice, a withdrawal larger than the balance) reaching
 * the caller as rejections that leave the vats running; and Zoe's contract-support module and
 * {@code @agoric/time} loading in a vat.
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ErtpIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write("boot",
				TestConfigs.vats("boot", "ertp-boot", "bank", "ertp-bank", "alice", "ertp-wallet", "bob", "ertp-wallet"),
				""));
	}

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Test
	void paymentsMoveBetweenVatsAndErtpRefusesWhatItShould() {
		TestConfigs.awaitIdle(this.runner);

		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
		// ERTP's own texts, redacted by marshalling as on SwingSet ("(an object)").
		assertThat(this.kernel.testLog()).containsExactly("issuer moola", "deposited 7",
				"second deposit refused: (an object) was not a live payment for brand \"[Alleged: moola brand]\". "
						+ "It could be a used-up payment, a payment for another brand, or it might not be a payment at all.",
				"bob got 3",
				"overdraft refused: Withdrawal of (an object) failed because the purse only contained (an object)",
				"balances 4 3", "fee 2 deadline 15");
		PromiseView result = this.kernel.promise(KernelRef.of(this.kernel.status().bootstrapResult()));
		assertThat(result.state()).isEqualTo(PromiseState.FULFILLED);
		assertThat(result.resolution().body()).isEqualTo("#\"ertp done\"");
		assertThat(this.kernel.vats()).allMatch(v -> v.isRunning());
	}

}
