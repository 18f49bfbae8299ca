package org.vatkernel.kernel;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.VatId;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.QueueStore;
import org.vatkernel.worker.WorkerInfo;
import org.vatkernel.worker.WorkerManager;
import org.vatkernel.worker.XsnapWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A worker killed by the host mid-delivery is not a consensus event: nothing of the crank
 * commits, the item stays queued, the kernel halts and health goes DOWN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// After the resume the unmetered spin runs again: close the context (and its workers) afterwards
// rather than leave a core spinning for the rest of the suite.
@DirtiesContext
class WorkerDeathHaltsKernelIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write("boot", TestConfigs.vats("boot", "boot-spin", "spinner",
				TestConfigs.Vat.of("worker-test-vat").options("{\"metered\": false}")), ""));
	}

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Autowired
	WorkerManager workers;

	@Autowired
	DataSource dataSource;

	@Autowired
	QueueStore queues;

	@Autowired
	Slog slog;

	@LocalServerPort
	int port;

	@Test
	void sigkillDuringADeliveryRollsBackTheCrankAndHalts() throws Exception {
		List<String> slog = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.slog.addSink(event -> slog.add(event.path("type").stringValue()
				+ (event.has("signal") ? " signal " + event.path("signal").asInt() : "")));
		WorkerInfo spinning = awaitBusyWorker();
		// The crank is in flight and uncommitted: this is the DB as it was before it.
		Map<String, List<String>> before = TableDump.of(this.dataSource);
		long crankBefore = this.kernel.status().crankNumber();

		ProcessHandle.of(spinning.pid()).orElseThrow().destroyForcibly();
		TestConfigs.awaitHalted(this.kernel);

		assertThat(TableDump.of(this.dataSource)).isEqualTo(before);
		assertThat(this.kernel.status().crankNumber()).isEqualTo(crankBefore);
		assertThat(this.queues.page(QueueName.RUN, 0, 10)).singleElement()
			.satisfies(item -> assertThat(item.item()).contains("\"type\":\"send\"").contains("spin"));

		HaltReason reason = this.kernel.status().haltReason();
		assertThat(reason.vatId()).isEqualTo(spinning.vatId());
		assertThat(reason.signal()).isEqualTo(9);
		assertThat(reason.crankNumber()).isEqualTo(crankBefore);
		var health = KernelHttp.get(this.port, "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(health.body()).contains("\"status\":\"DOWN\"")
			.contains("\"vatId\":\"" + spinning.vatId() + "\"")
			.contains("\"signal\":9");
		var anonymous = KernelHttp.get(this.port, "/actuator/health", null);
		assertThat(anonymous.statusCode()).isEqualTo(503);
		assertThat(anonymous.body()).contains("\"status\":\"DOWN\"").doesNotContain("signal").doesNotContain("vatId");
		assertThat(KernelHttp.get(this.port, "/api/kernel").body()).contains("\"state\":\"HALTED\"")
			.contains("\"vatId\":\"" + spinning.vatId() + "\"")
			.contains("\"signal\":9")
			.contains("\"crankNumber\":" + crankBefore);
		String bundleId = this.kernel.vat(spinning.vatId()).bundleId();
		var createWhileHalted = KernelHttp.post(this.port, "/api/vats", "{\"bundleId\":\"" + bundleId + "\"}");
		assertThat(createWhileHalted.statusCode()).isEqualTo(409);
		assertThat(createWhileHalted.body()).contains("/problems/kernel-halted").contains("cannot create a vat");
		assertThat(KernelHttp.get(this.port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
		assertThat(KernelHttp.get(this.port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		String metrics = KernelHttp.get(this.port, "/actuator/prometheus").body();
		assertThat(Prometheus.sum(metrics, "kernel_halts_total")).isEqualTo(1);
		assertThat(Prometheus.sum(metrics, "kernel_worker_deaths_total", "cause=\"signal-9\"")).isEqualTo(1);

		// No later crank runs, not even on request; the worker that saw the crank is gone (the
		// bootstrap vat's worker did not take part in it and is still exact).
		Thread.sleep(300);
		assertThat(this.kernel.status().crankNumber()).isEqualTo(crankBefore);
		assertThatThrownBy(this.kernel::step).isInstanceOf(KernelHaltedException.class);
		assertThat(this.workers.isOnline(spinning.vatId())).isFalse();
		assertThat(TableDump.of(this.dataSource)).isEqualTo(before);

		// An operator's resume: health UP again (the spin is retried on a fresh worker).
		var resumed = KernelHttp.post(this.port, "/api/kernel/resume", "");
		assertThat(resumed.statusCode()).isEqualTo(200);
		assertThat(resumed.body()).contains("\"state\":\"RUNNING\"").contains("\"haltReason\":null");
		var up = KernelHttp.get(this.port, "/actuator/health");
		assertThat(up.statusCode()).isEqualTo(200);
		assertThat(up.body()).contains("\"status\":\"UP\"");
		assertThat(slog).containsSubsequence("crank-start", "deliver", "kernel-halt signal 9", "kernel-resume",
				"crank-start");
	}

	private WorkerInfo awaitBusyWorker() throws InterruptedException {
		VatId spinner = this.kernel.vats().stream().filter(v -> v.name().equals("spinner")).findFirst().orElseThrow().vatId();
		long deadline = System.currentTimeMillis() + 60_000;
		while (System.currentTimeMillis() < deadline) {
			WorkerInfo w = this.workers.worker(spinner).orElse(null);
			// Its second delivery (after startVat) is the endless spin.
			if (w != null && w.state() == XsnapWorker.State.BUSY && w.deliveries() >= 1) {
				Thread.sleep(200);
				return w;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("no worker became busy");
	}


}
