package org.vatkernel.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.MeterUsage;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatDeliveryResult;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatState;
import org.vatkernel.model.VatSyscall;
import org.vatkernel.model.VatSyscallResult;
import org.vatkernel.state.VatRecord;
import org.vatkernel.worker.DeliveryReport;
import org.vatkernel.worker.SyscallHandler;
import org.vatkernel.worker.WorkerManager;
import org.vatkernel.worker.WorkerProperties;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a vat does deterministically costs at most that vat: an illegal syscall and
 * {@code syscall.exit} terminate it, the kernel keeps running.
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class VatTerminationIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write(null,
				TestConfigs.vats("victim", "worker-test-vat", "bystander", "worker-test-vat", "exiter", "exiter",
						"failer", "exiter"),
				""));
	}

	/**
	 * The syscall source test double: for a {@code misbehave} message it makes the syscalls a
	 * broken vat would (liveslots never sends an unknown vref), instead of delivering to the real
	 * worker. Every other delivery goes to the real worker.
	 */
	@TestConfiguration
	static class ScriptedSyscallSource {

		@Bean
		@Primary
		WorkerManager scriptedSyscallSourceWorkerManager(WorkerProperties properties) {
			return new WorkerManager(properties) {
				@Override
				public DeliveryReport deliver(VatId vatId, VatDelivery delivery, SyscallHandler handler) {
					if (delivery instanceof VatDelivery.Message m && m.message().methargs().body().contains("misbehave")) {
						ILLEGAL_RESULTS.add(handler.handle(new VatSyscall.Send("o-99",
								new VatMessage(CapData.of("#[\"x\",[]]"), null))));
						// A later, legal syscall in the same delivery is still answered.
						ILLEGAL_RESULTS.add(handler.handle(new VatSyscall.VatstoreSet("k", "v")));
						return new DeliveryReport(VatDeliveryResult.ok(null, new MeterUsage(1, 0, 0)), Duration.ZERO,
								null);
					}
					return super.deliver(vatId, delivery, handler);
				}
			};
		}

	}

	static final List<VatSyscallResult> ILLEGAL_RESULTS = new ArrayList<>();

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Test
	void illegalSyscallFromScriptedSyscallSourceTerminatesOnlyThatVat() {
		TestConfigs.awaitIdle(this.runner);
		VatId victim = vat("victim").vatId();

		KernelRef misbehaved = this.kernel.queueToVatRoot(victim, "misbehave", List.of());
		TestConfigs.awaitIdle(this.runner);

		assertThat(ILLEGAL_RESULTS).containsExactly(VatSyscallResult.error("syscall translation error: prepare to die"),
				VatSyscallResult.ok());
		assertThat(vat("victim").state()).isEqualTo(VatState.TERMINATED);
		assertThat(vat("victim").terminationReason()).startsWith("syscall translation error: prepare to die")
			.contains("o-99");
		assertThat(this.kernel.promise(misbehaved).errorMessage()).isEqualTo("vat terminated");
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);

		KernelRef hello = this.kernel.queueToVatRoot(vat("bystander").vatId(), "hello",
				List.of(JsonNodeFactory.instance.stringNode("you")));
		TestConfigs.awaitIdle(this.runner);
		assertThat(this.kernel.promise(hello).value().stringValue()).isEqualTo("hi you #1");
	}

	@Test
	void exitTerminatesTheVatAndStillResolvesTheResult() {
		TestConfigs.awaitIdle(this.runner);
		KernelRef quit = this.kernel.queueToVatRoot(vat("exiter").vatId(), "quit",
				List.of(JsonNodeFactory.instance.stringNode("done here")));
		TestConfigs.awaitIdle(this.runner);

		// exit(false) keeps the crank: the result liveslots resolved after the exit syscall stands.
		assertThat(this.kernel.promise(quit).value().stringValue()).isEqualTo("said goodbye");
		assertThat(vat("exiter").state()).isEqualTo(VatState.TERMINATED);
		assertThat(vat("exiter").terminationReason()).isEqualTo("exit: \"done here\"");

		KernelRef after = this.kernel.queueToVatRoot(vat("exiter").vatId(), "hello", List.of());
		TestConfigs.awaitIdle(this.runner);
		assertThat(this.kernel.promise(after).errorMessage()).isEqualTo("vat terminated");
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
	}

	@Test
	void exitWithFailureAbortsTheDeliveryAndRejectsTheCaller() {
		TestConfigs.awaitIdle(this.runner);
		KernelRef failed = this.kernel.queueToVatRoot(vat("failer").vatId(), "fail",
				List.of(JsonNodeFactory.instance.stringNode("giving up")));
		TestConfigs.awaitIdle(this.runner);

		assertThat(this.kernel.promise(failed).errorMessage()).isEqualTo("vat terminated");
		assertThat(vat("failer").terminationReason()).isEqualTo("exit with failure: giving up");
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
	}

	private VatRecord vat(String name) {
		return this.kernel.vats().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
	}

}
