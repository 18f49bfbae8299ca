package org.vatkernel.kernel;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap result has policy panic: its rejection halts the kernel, as in SwingSet. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RejectedBootstrapHaltsKernelIntegrationTests {


	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write("boot", TestConfigs.vats("boot", "boot-throws"), ""));
	}

	@Autowired
	KernelService kernel;

	@Test
	void aRejectedBootstrapResultHaltsTheKernel() throws Exception {
		TestConfigs.awaitHalted(this.kernel);

		assertThat(this.kernel.status().haltReason().message()).contains("kp40.policy panic")
			.contains("bootstrap refuses");
		assertThat(this.kernel.promise(KernelRef.of("kp40")).state()).isEqualTo(PromiseState.UNRESOLVED);
	}

}
