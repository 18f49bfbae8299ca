package org.vatkernel.worker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;

/** No worker outlives its host: not after a context closes, not after the JVM dies. */
@Timeout(120)
class WorkerLifecycleIntegrationTests {

	@Test
	void closingTheContextStopsEveryWorker() {
		long[] pids = new long[2];
		new ApplicationContextRunner().withBean(WorkerProperties.class, TestVats::properties)
			.withBean(WorkerManager.class)
			.run(context -> {
				WorkerManager manager = context.getBean(WorkerManager.class);
				manager.start(VatId.of("v1"), "a", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
				manager.start(VatId.of("v2"), "b", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
				pids[0] = manager.worker(VatId.of("v1")).orElseThrow().pid();
				pids[1] = manager.worker(VatId.of("v2")).orElseThrow().pid();
				assertThat(ProcessHandle.of(pids[0])).isPresent();
			});
		assertThat(ProcessHandle.current().children().map(ProcessHandle::pid).toList()).doesNotContain(pids[0],
				pids[1]);
		assertThat(ProcessHandle.of(pids[0])).isEmpty();
		assertThat(ProcessHandle.of(pids[1])).isEmpty();
	}

	@Test
	void workerExitsWhenItsParentJvmDies() throws Exception {
		Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "-Dvatkernel.test-bundles=" + TestVats.BUNDLES.toAbsolutePath(),
				OrphanProbe.class.getName(), TestVats.RUNTIME.toAbsolutePath().toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		long workerPid;
		try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
			List<String> lines = out.lines().filter(l -> l.startsWith("worker-pid=")).toList();
			assertThat(lines).hasSize(1);
			workerPid = Long.parseLong(lines.get(0).substring("worker-pid=".length()));
		}
		assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(host.exitValue()).as("the probe halts itself without shutdown hooks").isEqualTo(42);

		// The worker reads EOF on its command pipe and exits by itself.
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (ProcessHandle.of(workerPid).map(ProcessHandle::isAlive).orElse(false)) {
			assertThat(System.nanoTime()).as("worker %d still alive after its parent died", workerPid)
				.isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	/** Run in a child JVM: boots a worker, prints its pid, then dies without any cleanup. */
	public static final class OrphanProbe {

		public static void main(String[] args) {
			WorkerManager manager = new WorkerManager(WorkerProperties.forRuntime(Path.of(args[0])));
			manager.start(VatId.of("v1"), "orphan", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
			System.out.println("worker-pid=" + manager.worker(VatId.of("v1")).orElseThrow().pid());
			System.out.flush();
			Runtime.getRuntime().halt(42);
		}

	}

}
