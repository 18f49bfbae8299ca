package org.vatkernel.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
 * Zoe and ERTP, unmodified: the bootstrap builds Zoe ({@code @agoric/vats}' {@code vat-zoe.js})
 * on SwingSet's vatAdmin service, installs Zoe's {@code automaticRefund} and {@code atomicSwap}
 * from named bundles, mints with ERTP, and two trader vats make offers; every contract instance
 * is a vat Zoe creates from the {@code zcf} bundle. The test log must be the one SwingSet
 * 0.33.0 wrote for the same config ({@code swingset-recorded/zoe-refund-and-swap.log}).
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ZoeScenarioIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		String bundles = "\"bundles\": { " + TestConfigs.bundleEntry("zcf", "zcf-vat") + ", "
				+ TestConfigs.bundleEntry("automaticRefund", "contract-automatic-refund") + ", "
				+ TestConfigs.bundleEntry("atomicSwap", "contract-atomic-swap") + " }";
		TestConfigs.register(registry,
				TestConfigs.write("bootstrap",
						TestConfigs.vats("bootstrap", "zoe-boot", "zoe", "zoe-vat", "alice",
								TestConfigs.Vat.of("zoe-trader").parameters("{\"name\":\"alice\"}"), "bob",
								TestConfigs.Vat.of("zoe-trader").parameters("{\"name\":\"bob\"}")),
						bundles));
	}


	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Test
	void refundAndSwapPayOutAsOnSwingSet() throws IOException {
		TestConfigs.awaitIdle(this.runner);
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
		PromiseView result = this.kernel.promise(KernelRef.of(this.kernel.status().bootstrapResult()));
		assertThat(result.state()).isEqualTo(PromiseState.FULFILLED);
		assertThat(result.resolution().body()).isEqualTo("#\"zoe done\"");

		List<String> recorded = Files.readAllLines(Path.of("src/test/resources/swingset-recorded/zoe-refund-and-swap.log"));
		assertThat(this.kernel.testLog()).containsExactlyElementsOf(recorded);
		// Two contract instances, each in a vat Zoe created through vatAdmin; the swap's vat exited
		// when the swap was done (zcf.shutdown), as on SwingSet.
		List<org.vatkernel.state.VatRecord> instances = this.kernel.vats().stream().filter(v -> v.dynamic()).toList();
		assertThat(instances).hasSize(2).allMatch(v -> v.name().startsWith("zcf-"));
		assertThat(instances.get(0).isRunning()).isTrue();
		assertThat(instances.get(1).terminationCause()).isEqualTo(TerminationCause.EXIT.name());
		assertThat(instances.get(1).terminationReason()).isEqualTo("exit: \"Swap completed.\"");
	}

}
