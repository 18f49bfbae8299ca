package org.vatkernel.kernel;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;

/** Real liveslots vats calling each other through the kernel, driven by a bootstrap vat. */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class KernelCallsIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write("boot",
				TestConfigs.vats("boot", "boot-calls", "alice", "alice", "bob", "bob", "carol", "store-user"), ""));
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
				// SwingSet also has comms, timer and vattp here; vatkernel adds only vatAdmin.
				"vats: alice,bob,boot,carol,vatAdmin",
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
		PromiseView result = this.kernel.promise(KernelRef.of(bootstrapResult));
		assertThat(result.state()).isEqualTo(PromiseState.FULFILLED);
		assertThat(result.resolution().body()).isEqualTo("#\"bootstrap done\"");
	}

	@Test
	void vatsUsingStoresAndPatternsWork() {
		TestConfigs.awaitIdle(this.runner);
		VatId carol = this.kernel.vats().stream().filter(v -> v.name().equals("carol")).findFirst().orElseThrow().vatId();
		var nodes = tools.jackson.databind.node.JsonNodeFactory.instance;
		KernelRef stored = this.kernel.queueToVatRoot(carol, "remember", List.of(nodes.stringNode("k"), nodes.numberNode(7)));
		KernelRef recalled = this.kernel.queueToVatRoot(carol, "recall", List.of(nodes.stringNode("k")));
		KernelRef refused = this.kernel.queueToVatRoot(carol, "remember", List.of(nodes.numberNode(1), nodes.numberNode(2)));
		TestConfigs.awaitIdle(this.runner);

		assertThat(this.kernel.promise(stored).value().asInt()).isEqualTo(1);
		assertThat(this.kernel.promise(recalled).value().asInt()).isEqualTo(7);
		assertThat(this.kernel.promise(refused).state()).isEqualTo(PromiseState.REJECTED);
		assertThat(this.kernel.promise(refused).errorMessage()).contains("Must be a string");
	}

}
