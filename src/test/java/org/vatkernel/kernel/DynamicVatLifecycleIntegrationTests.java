package org.vatkernel.kernel;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;
import org.vatkernel.state.VatRecord;
import org.vatkernel.testdb.TestDatabase;
import org.vatkernel.worker.TestVats;
import org.vatkernel.worker.WorkerManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vats created through vatAdmin live as static ones do: a SIGKILL of a dynamic vat's worker in
 * the middle of the workload rolls the crank back and halts the kernel, and a resume finishes
 * with the fault-free state hash; a restart of the application brings every dynamic vat back
 * (from snapshot and transcript, whether its worker was online or evicted) with the same state.
 */
class DynamicVatLifecycleIntegrationTests {

	private static final Path CONFIG = TestConfigs.write("parent", TestConfigs.vats("parent", "dynamic-parent"),
			"\"bundles\": { \"counter\": { \"bundleSpec\": \""
					+ TestVats.BUNDLES.resolve("durable-counter.bundle").toAbsolutePath() + "\" } }");

	/** The counters' vats: after parent (v1), vatAdmin (v2) and the ids kept for comms, vattp, timer. */
	private static final List<VatId> COUNTERS = List.of(VatId.of("v6"), VatId.of("v7"), VatId.of("v8"));

	private static final int BUMPS = 20;

	@Test
	void aKilledDynamicVatWorkerHaltsTheKernelAndResumeFinishesWithTheFaultFreeHash() throws Exception {
		String faultFree;
		try (TestKernel kernel = TestKernel.start(CONFIG)) {
			bump(kernel, false);
			faultFree = kernel.stateHash();
		}
		try (TestKernel kernel = TestKernel.startWithHttp(CONFIG)) {
			bump(kernel, true);
			assertThat(kernel.stateHash()).isEqualTo(faultFree);
		}
	}

	@Test
	void dynamicVatsComeBackAfterARestartOnlineOrNot(@TempDir Path dir) {
		String url = TestDatabase.isPostgres() ? TestDatabase.freshPostgres()
				: "jdbc:h2:file:" + dir.resolve("kernel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		Path config = TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 5}");
		String hashAtStop;
		try (TestKernel first = TestKernel.start(config, "spring.datasource.url=" + url,
				"kernel.warehouse.max-workers-online=3")) {
			first.awaitIdle();
			for (int i = 1; i <= 8; i++) {
				assertThat(first.call("v1", "bumpAll")).isEqualTo(Integer.toString(300 + 3 * i));
			}
			// At most three workers: some counters are online, others were evicted.
			WorkerManager workers = first.bean(WorkerManager.class);
			assertThat(COUNTERS.stream().filter(v -> workers.worker(v).isPresent()).count()).isBetween(1L, 2L);
			hashAtStop = first.stateHash();
		}
		try (TestKernel second = TestKernel.start(config, "spring.datasource.url=" + url,
				"kernel.warehouse.max-workers-online=3")) {
			second.awaitIdle();
			assertThat(second.stateHash()).isEqualTo(hashAtStop);
			List<VatRecord> dynamic = second.kernel().vats().stream().filter(VatRecord::dynamic).toList();
			assertThat(dynamic).extracting(VatRecord::vatId).containsExactlyElementsOf(COUNTERS);
			assertThat(dynamic).allMatch(v -> VatId.of("v1").equals(v.parentVatId()) && v.isRunning());
			assertThat(second.call("v1", "bumpAll")).isEqualTo(Integer.toString(300 + 3 * 9));
			assertThat(second.call("v8", "get")).isEqualTo("209");
		}
	}

	private static void bump(TestKernel kernel, boolean killOnce) throws Exception {
		kernel.awaitIdle();
		kernel.kernel().pause();
		for (int i = 0; i < BUMPS; i++) {
			kernel.kernel().queueToVatRoot(VatId.of("v1"), "bumpAll", List.of());
		}
		kernel.kernel().run();
		if (killOnce) {
			WorkerManager workers = kernel.bean(WorkerManager.class);
			VatId victim = COUNTERS.get(1);
			while (workers.worker(victim).isEmpty()) {
				Thread.sleep(1);
			}
			ProcessHandle.of(workers.worker(victim).orElseThrow().pid()).ifPresent(ProcessHandle::destroyForcibly);
			TestConfigs.awaitHalted(kernel.kernel());
			assertThat(kernel.kernel().status().haltReason().signal()).isEqualTo(9);
			assertThat(kernel.kernel().status().haltReason().vatId()).isEqualTo(victim);
			assertThat(KernelHttp.get(kernel.port(), "/actuator/health").statusCode()).isEqualTo(503);
			assertThat(KernelHttp.post(kernel.port(), "/api/kernel/resume", "").statusCode()).isEqualTo(200);
		}
		kernel.awaitIdle();
		assertThat(kernel.kernel().status().state()).isEqualTo(KernelState.RUNNING);
		for (int i = 0; i < 3; i++) {
			assertThat(kernel.call(COUNTERS.get(i), "get")).isEqualTo(Integer.toString(100 * i + BUMPS));
		}
	}

}
