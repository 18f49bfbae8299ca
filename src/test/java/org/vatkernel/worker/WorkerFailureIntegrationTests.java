package org.vatkernel.worker;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vatkernel.model.VatDeliveryResult;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatSyscallResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every way a delivery to a real xsnap worker can end badly: metering faults come back as
 * results; signals, odd exits and protocol breaks throw {@link WorkerDiedException}.
 */
@Timeout(120)
class WorkerFailureIntegrationTests {

	private WorkerManager manager;

	@BeforeEach
	void setUp() {
		this.manager = new WorkerManager(TestVats.properties());
	}

	@AfterEach
	void tearDown() {
		this.manager.destroy();
	}

	private void startVat(VatId vatId, boolean metered) {
		this.manager.start(vatId, "test", TestVats.bundle("worker-test-vat"), metered, LiveSlotsOptions.DEFAULTS);
		assertThat(this.manager.deliver(vatId, TestVats.startVat(), new TestVats.RecordingHandler()).result().isOk())
			.isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "spin, Compute meter exceeded", "recurse, Stack meter exceeded",
			"allocate, Allocate meter exceeded" })
	void meteringFaultIsAResultNotAnException(String method, String problem) {
		startVat(VatId.of("v1"), true);
		long pid = this.manager.worker(VatId.of("v1")).orElseThrow().pid();

		DeliveryReport report = this.manager.deliver(VatId.of("v1"), TestVats.call(method, "p-60"),
				new TestVats.RecordingHandler());

		assertThat(report.isMeteringFault()).isTrue();
		assertThat(report.result()).isEqualTo(VatDeliveryResult.error(problem, null));
		assertThat(this.manager.isOnline(VatId.of("v1"))).as("a faulted worker is never reused").isFalse();
		assertThat(ProcessHandle.of(pid)).isEmpty();
	}

	@Test
	void sigkillBetweenDeliveriesIsAnUnknownDeath() throws Exception {
		startVat(VatId.of("v1"), true);
		long pid = this.manager.worker(VatId.of("v1")).orElseThrow().pid();
		ProcessHandle.of(pid).orElseThrow().destroyForcibly();
		ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());

		WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class,
				() -> this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-60", "x"), new TestVats.RecordingHandler()));

		assertThat(died.signal()).isEqualTo(9);
		assertThat(died.exitCode()).isNull();
		assertThat(died.vatId()).isEqualTo(VatId.of("v1"));
		assertThat(died.phase()).isEqualTo(WorkerPhase.DELIVERY);
		assertThat(died.delivery()).contains("hello");
		assertThat(this.manager.isOnline(VatId.of("v1"))).isFalse();
	}

	@Test
	void sigkillFromTheSyscallHandlerIsAnUnknownDeath() {
		startVat(VatId.of("v1"), true);
		long pid = this.manager.worker(VatId.of("v1")).orElseThrow().pid();

		WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class,
				() -> this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-60", "x"), syscall -> {
					ProcessHandle.of(pid).orElseThrow().destroyForcibly();
					ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
					return VatSyscallResult.ok();
				}));

		assertThat(died.signal()).isEqualTo(9);
		assertThat(died.getMessage()).contains("v1").contains("signal 9");
	}

	@ParameterizedTest
	@CsvSource({ "KILL, 9", "TERM, 15", "ABRT, 6", "SEGV, 11" })
	void signalDuringADeliveryIsAnUnknownDeath(String signal, int number) throws Exception {
		startVat(VatId.of("v1"), false);
		long pid = this.manager.worker(VatId.of("v1")).orElseThrow().pid();
		// The vat spins unmetered; the signal arrives while the delivery is in flight.
		CompletableFuture<DeliveryReport> delivery = CompletableFuture
			.supplyAsync(() -> this.manager.deliver(VatId.of("v1"), TestVats.call("spin", "p-60"), new TestVats.RecordingHandler()));
		awaitBusy(VatId.of("v1"));
		sendSignal(signal, pid);

		Throwable thrown = catchThrowableOfType(java.util.concurrent.CompletionException.class, delivery::join)
			.getCause();
		assertThat(thrown).isInstanceOf(WorkerDiedException.class);
		WorkerDiedException died = (WorkerDiedException) thrown;
		assertThat(died.signal()).isEqualTo(number);
		assertThat(died.failure()).isEqualTo(WorkerFailure.PIPE_CLOSED);
	}

	@Test
	void operatorKillDuringADeliveryIsAnUnknownDeath() {
		startVat(VatId.of("v1"), false);
		CompletableFuture<DeliveryReport> delivery = CompletableFuture
			.supplyAsync(() -> this.manager.deliver(VatId.of("v1"), TestVats.call("spin", "p-60"), new TestVats.RecordingHandler()));
		awaitBusy(VatId.of("v1"));

		assertThat(this.manager.kill(VatId.of("v1"))).isTrue();

		Throwable thrown = catchThrowableOfType(java.util.concurrent.CompletionException.class, delivery::join)
			.getCause();
		assertThat(thrown).isInstanceOfSatisfying(WorkerDiedException.class, died -> {
			assertThat(died.failure()).isEqualTo(WorkerFailure.KILLED_BY_HOST);
			assertThat(died.signal()).isEqualTo(9);
		});
		assertThat(this.manager.isOnline(VatId.of("v1"))).isFalse();
	}

	@Test
	void watchdogExpiryIsAnUnknownDeathNotAMeteringFault() {
		this.manager.destroy();
		this.manager = new WorkerManager(TestVats.properties().withDeliveryTimeout(java.time.Duration.ofSeconds(2)));
		startVat(VatId.of("v1"), false);

		WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class,
				() -> this.manager.deliver(VatId.of("v1"), TestVats.call("spin", "p-60"), new TestVats.RecordingHandler()));

		assertThat(died.failure()).isEqualTo(WorkerFailure.TIMEOUT);
		assertThat(died.signal()).isEqualTo(9);
	}

	@Test
	void killDuringBootIsAnUnknownDeath() {
		CompletableFuture<Void> boot = CompletableFuture.runAsync(() -> this.manager.start(VatId.of("v1"), "test",
				TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS));
		while (this.manager.worker(VatId.of("v1")).isEmpty()) {
			Thread.onSpinWait();
		}
		this.manager.kill(VatId.of("v1"));

		Throwable thrown = catchThrowableOfType(java.util.concurrent.CompletionException.class, boot::join).getCause();
		assertThat(thrown).isInstanceOfSatisfying(WorkerDiedException.class, died -> {
			assertThat(died.phase()).isEqualTo(WorkerPhase.BOOT);
			assertThat(died.signal()).isEqualTo(9);
		});
		assertThat(this.manager.isOnline(VatId.of("v1"))).isFalse();
	}

	@Test
	void errorReplyToADeliveryKillsTheWorkerAndThrows() {
		startVat(VatId.of("v1"), true);
		long pid = this.manager.worker(VatId.of("v1")).orElseThrow().pid();
		this.manager.evaluate(VatId.of("v1"), "globalThis.handleCommand = () => { throw Error('supervisor broke'); };");

		WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class,
				() -> this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-60", "x"), new TestVats.RecordingHandler()));

		assertThat(died.failure()).isEqualTo(WorkerFailure.ERROR_REPLY);
		assertThat(died.getMessage()).contains("supervisor broke");
		assertThat(died.signal()).as("the layer kills the worker first").isEqualTo(9);
		assertThat(ProcessHandle.of(pid)).isEmpty();
	}

	@Test
	void emptyReplyToADeliveryKillsTheWorkerAndThrows() {
		startVat(VatId.of("v1"), true);
		this.manager.evaluate(VatId.of("v1"), "globalThis.handleCommand = () => ({});");

		WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class,
				() -> this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-60", "x"), new TestVats.RecordingHandler()));

		assertThat(died.failure()).isEqualTo(WorkerFailure.MALFORMED_REPLY);
		assertThat(died.getMessage()).contains("never settled");
		assertThat(died.signal()).isEqualTo(9);
	}

	@Test
	void throwingSyscallHandlerKillsTheWorkerAndSaysWhichSyscall() {
		startVat(VatId.of("v1"), true);
		long pid = this.manager.worker(VatId.of("v1")).orElseThrow().pid();

		assertThatThrownBy(() -> this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-60", "x"), syscall -> {
			throw new IllegalStateException("kernel bug");
		})).isInstanceOf(SyscallHandlerException.class)
			.hasMessageContaining("vat v1")
			.hasMessageContaining("resolve")
			.hasMessageContaining("kernel bug");
		assertThat(this.manager.isOnline(VatId.of("v1"))).isFalse();
		assertThat(ProcessHandle.of(pid)).isEmpty();
	}

	@Test
	void vatWhoseModuleThrowsFailsStartVatWithLiveslotsError() {
		this.manager.start(VatId.of("v1"), "broken", TestVats.bundle("import-fails-vat"), true, LiveSlotsOptions.DEFAULTS);

		DeliveryReport report = this.manager.deliver(VatId.of("v1"), TestVats.startVat(), new TestVats.RecordingHandler());

		assertThat(report.isMeteringFault()).isFalse();
		assertThat(report.result().status()).isEqualTo("error");
		assertThat(report.result().problem()).contains("this vat refuses to load");
	}

	@Test
	void bundleThatIsNotJsonIsRefusedBeforeAnythingStarts() {
		assertThatThrownBy(() -> this.manager.start(VatId.of("v1"), "x", "{not json", true, LiveSlotsOptions.DEFAULTS))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not valid JSON");
		assertThat(this.manager.isOnline(VatId.of("v1"))).isFalse();
	}

	private void awaitBusy(VatId vatId) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.manager.worker(vatId).map(WorkerInfo::state).orElse(null) != XsnapWorker.State.BUSY) {
			assertThat(System.nanoTime()).as("worker never became busy").isLessThan(deadline);
			Thread.onSpinWait();
		}
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sendSignal(String signal, long pid) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

}
