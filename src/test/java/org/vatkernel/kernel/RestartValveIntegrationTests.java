package org.vatkernel.kernel;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.VatId;
import org.vatkernel.worker.WorkerInfo;
import org.vatkernel.worker.WorkerManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart valve of {@code kernel.on-worker-death=restart}: a vat's worker killed again every
 * time it comes back (mostly while it boots) exhausts the automatic resumes, the kernel stays
 * halted, and the status and health say so (attempts in a row, of how many, the last cause). An
 * operator's resume opens the valve again and the message is then delivered exactly once.
 */
class RestartValveIntegrationTests {

	private static final Path CONFIG = TestConfigs.write(null, TestConfigs.vats("counter", "durable-counter"), "");

	@Test
	void deathsInARowCloseTheValveAndAResumeOpensIt() throws Exception {
		try (TestKernel node = TestKernel.startWithHttp(CONFIG, "kernel.on-worker-death=restart",
				"kernel.restart-attempts=2", "kernel.restart-backoff=20ms")) {
			KernelService kernel = node.kernel();
			assertThat(node.call("v5", "increment")).isEqualTo("1");
			assertThat(kernel.status().automaticRestarts()).isEqualTo(new AutomaticRestarts(0, 2, false, null));

			// Kill every worker whenever one exists, booting or not.
			WorkerManager workers = node.bean(WorkerManager.class);
			AtomicBoolean killing = new AtomicBoolean(true);
			AtomicInteger kills = new AtomicInteger();
			Thread killer = new Thread(() -> {
				while (killing.get()) {
					for (WorkerInfo w : workers.workers()) {
						if (ProcessHandle.of(w.pid()).map(ProcessHandle::destroyForcibly).orElse(false)) {
							kills.incrementAndGet();
						}
					}
					Thread.onSpinWait();
				}
			});
			// The first kill before the message: its delivery must boot a worker, which the killer wins.
			for (WorkerInfo w : workers.workers()) {
				ProcessHandle.of(w.pid()).ifPresent(p -> {
					p.destroyForcibly();
					p.onExit().join();
					kills.incrementAndGet();
				});
			}
			killer.start();
			KernelRef kpid = kernel.queueToVatRoot(VatId.of("v5"), "increment", List.of());
			long deadline = System.currentTimeMillis() + 60_000;
			while (kernel.status().automaticRestarts() == null || !kernel.status().automaticRestarts().exhausted()) {
				assertThat(System.currentTimeMillis()).as("valve never closed: %s", kernel.status()).isLessThan(deadline);
				Thread.sleep(20);
			}
			Thread.sleep(300); // no further automatic resume
			killing.set(false);
			killer.join();

			KernelStatus status = kernel.status();
			assertThat(status.state()).isEqualTo(KernelState.HALTED);
			assertThat(status.automaticRestarts()).isEqualTo(new AutomaticRestarts(2, 2, true, "signal-9"));
			assertThat(kills.get()).as("kills").isGreaterThanOrEqualTo(3);
			assertThat(kernel.promise(kpid).state()).isEqualTo(PromiseState.UNRESOLVED);
			HttpResponse<String> health = KernelHttp.get(node.port(), "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("\"status\":\"DOWN\"")
				.contains("\"automaticRestarts\":{\"attemptsInARow\":2,\"maxAttempts\":2,\"exhausted\":true,\"lastCause\":\"signal-9\"}");
			assertThat(KernelHttp.get(node.port(), "/api/kernel").body()).contains("\"state\":\"HALTED\"")
				.contains("\"exhausted\":true");

			// The operator resumes: the valve is open again and the message is delivered once.
			HttpResponse<String> resumed = KernelHttp.post(node.port(), "/api/kernel/resume", "");
			assertThat(resumed.statusCode()).isEqualTo(200);
			assertThat(resumed.body()).contains("\"state\":\"RUNNING\"")
				.contains("\"attemptsInARow\":0")
				.contains("\"exhausted\":false");
			node.awaitIdle();
			assertThat(kernel.promise(kpid).value()).hasToString("2");
			assertThat(node.call("v5", "get")).isEqualTo("2");
			assertThat(KernelHttp.get(node.port(), "/actuator/health").statusCode()).isEqualTo(200);
		}
	}

}
