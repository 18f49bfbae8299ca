package org.vatkernel.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vatkernel.model.VatId;
import org.vatkernel.worker.WorkerManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Replay divergence halts the kernel; an operator's resume after a worker death loses nothing. */
class ReplayAndResumeIntegrationTests {

	private static final Path CONFIG = TestConfigs.write(null,
			TestConfigs.vats("counter", "durable-counter", "other", "durable-counter"), "");

	@Test
	void alteredTranscriptIsAReplayDivergenceThatHaltsAndCommitsNothing() throws Exception {
		try (TestKernel kernel = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 0}"), "kernel.warehouse.max-workers-online=1")) {
			for (int i = 0; i < 5; i++) {
				kernel.call("v5", "increment");
			}
			kernel.call("v6", "increment"); // evicts v5
			// Make the recorded answer of v5's third delivery (position 2, an increment) a lie.
			JdbcClient jdbc = JdbcClient.create(kernel.bean(DataSource.class));
			int altered = jdbc.sql("update transcript_entry set item = replace(item, '\"#2\"', '\"#7\"') "
					+ "where vat_id = 'v5' and position = 2")
				.update();
			assertThat(altered).isOne();
			Map<String, List<String>> before = TableDump.of(kernel.bean(DataSource.class));

			kernel.kernel().queueToVatRoot(VatId.of("v5"), "increment", List.of());
			TestConfigs.awaitHalted(kernel.kernel());

			HaltReason reason = kernel.kernel().status().haltReason();
			assertThat(reason.message()).contains("replay of vat v5 diverged at transcript position 2");
			assertThat(reason.vatId()).isEqualTo(VatId.of("v5"));
			Map<String, List<String>> after = TableDump.of(kernel.bean(DataSource.class));
			// Only the host's injection (its own transaction) is new; no crank committed.
			assertThat(after.get("kernel_counter")).isNotEqualTo(before.get("kernel_counter"));
			assertThat(after.get("transcript_entry")).isEqualTo(before.get("transcript_entry"));
			assertThat(after.get("vatstore")).isEqualTo(before.get("vatstore"));
			assertThat(after.get("test_log")).isEqualTo(before.get("test_log"));
		}
	}

	@Test
	void resumeAfterAWorkerDeathFinishesWithTheFaultFreeStateHash() throws Exception {
		String faultFree;
		try (TestKernel kernel = TestKernel.start(CONFIG)) {
			runWorkload(kernel, false);
			faultFree = kernel.stateHash();
		}
		try (TestKernel kernel = TestKernel.startWithHttp(CONFIG)) {
			runWorkload(kernel, true);
			assertThat(kernel.stateHash()).isEqualTo(faultFree);
			assertThat(KernelHttp.get(kernel.port(), "/api/kernel/state-hash").body()).contains(faultFree);
		}
	}

	private static void runWorkload(TestKernel kernel, boolean killOnce) throws Exception {
		kernel.awaitIdle();
		kernel.kernel().pause();
		for (int i = 0; i < 40; i++) {
			kernel.kernel().queueToVatRoot(VatId.of(i % 2 == 0 ? "v5" : "v6"), "increment", List.of());
		}
		kernel.kernel().run();
		if (killOnce) {
			WorkerManager workers = kernel.bean(WorkerManager.class);
			while (workers.worker(VatId.of("v6")).isEmpty()) {
				Thread.sleep(1);
			}
			ProcessHandle.of(workers.worker(VatId.of("v6")).orElseThrow().pid()).ifPresent(ProcessHandle::destroyForcibly);
			TestConfigs.awaitHalted(kernel.kernel());
			assertThat(kernel.kernel().status().haltReason().signal()).isEqualTo(9);
			assertThat(KernelHttp.get(kernel.port(), "/actuator/health").statusCode()).isEqualTo(503);
			var resumed = KernelHttp.post(kernel.port(), "/api/kernel/resume", "");
			assertThat(resumed.statusCode()).isEqualTo(200);
			assertThat(resumed.body()).contains("\"state\":\"RUNNING\"").contains("\"haltReason\":null");
			assertThat(KernelHttp.get(kernel.port(), "/actuator/health/kernel").body()).contains("\"status\":\"UP\"");
		}
		kernel.awaitIdle();
		assertThat(kernel.kernel().status().state()).isEqualTo(KernelState.RUNNING);
		assertThat(kernel.call("v5", "get")).isEqualTo("20");
		assertThat(kernel.call("v6", "get")).isEqualTo("20");
	}

}
