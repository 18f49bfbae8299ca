package org.vatkernel.kernel;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatState;

import static org.assertj.core.api.Assertions.assertThat;

/** Terminating a critical vat is a kernel panic: the crank rolls back and the kernel halts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CriticalVatHaltsKernelIntegrationTests {


	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write("boot", TestConfigs.vats("boot", "boot-spin", "spinner",
				TestConfigs.Vat.of("worker-test-vat").options("{\"critical\": true}")), ""));
	}

	@Autowired
	KernelService kernel;

	@Test
	void terminatingACriticalVatHaltsTheKernel() throws Exception {
		TestConfigs.awaitHalted(this.kernel);

		HaltReason reason = this.kernel.status().haltReason();
		assertThat(reason.message()).contains("critical vat v6 (spinner) failed: Compute meter exceeded");
		// The termination was rolled back with the crank: the DB still has the vat running.
		assertThat(this.kernel.vat(VatId.of("v6")).state()).isEqualTo(VatState.RUNNING);
	}

}
