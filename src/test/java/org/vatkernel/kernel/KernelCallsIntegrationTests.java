package org.vatkernel.kernel;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Real liveslots vats calling each other through the kernel, driven by a bootstrap vat. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class KernelCallsIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write("boot",
				TestConfigs.vats("boot", "boot-calls", "alice", "alice", "bob", "bob"), ""));
	}

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Test
	void bootstrapScenarioBehavesAsOnSwingSet() {
		TestConfigs.awaitIdle(this.runner);

		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
		assertThat(this.kernel.testLog()).containsExactly(
				"vats: alice,bob,boot",
				"alice add 2 3",
				"add: 5",
				"c1 increment -> 1",
				"c1 increment -> 2",
				"bob used counter: 2",
				"counter now: 2",
				"bob got a promise",
				"bob awaited: bob got hello carol",
				"forwarded: forwarded value",
				"wrapped inner: inner value",
				"caught: TypeError: bad thing",
				"c2 increment -> 1",
				"c2 increment -> 2",
				"pipelined: 1 2",
				"call on data: data is not callable, has no method foo");
		String bootstrapResult = this.kernel.status().bootstrapResult();
		assertThat(bootstrapResult).isEqualTo("kp40");
		PromiseView result = this.kernel.promise(bootstrapResult);
		assertThat(result.state()).isEqualTo("fulfilled");
		assertThat(result.resolution().body()).isEqualTo("#\"bootstrap done\"");
	}

}
