package org.vatkernel.kernel;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.VatState;
import org.vatkernel.state.VatRecord;
import org.vatkernel.worker.WorkerManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metering faults are deterministic: the vat is terminated, the crank commits, callers see
 * {@code vat terminated}, other vats keep running and the kernel stays UP.
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeteringFaultIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry,
				TestConfigs.write("boot", TestConfigs.vats("boot", "boot-metering", "spinner", "worker-test-vat", "recurser",
						"worker-test-vat", "allocator", "worker-test-vat", "bystander", "worker-test-vat"), ""));
	}

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Autowired
	WorkerManager workers;

	@LocalServerPort
	int port;

	@Test
	void eachMeterFaultTerminatesOnlyItsVat() {
		TestConfigs.awaitIdle(this.runner);

		assertThat(this.kernel.testLog()).containsExactly("spinner: vat terminated", "spinner after: vat terminated",
				"recurser: vat terminated", "recurser after: vat terminated", "allocator: vat terminated",
				"allocator after: vat terminated", "hello still", "bystander: hi still #1");

		assertThat(vat("spinner")).satisfies(v -> {
			assertThat(v.state()).isEqualTo(VatState.TERMINATED);
			assertThat(v.terminationReason()).isEqualTo("Compute meter exceeded");
		});
		assertThat(vat("recurser").terminationReason()).isEqualTo("Stack meter exceeded");
		assertThat(vat("allocator").terminationReason()).isEqualTo("Allocate meter exceeded");
		assertThat(vat("bystander").state()).isEqualTo(VatState.RUNNING);
		assertThat(this.workers.isOnline(vat("spinner").vatId())).isFalse();

		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
		// What an operator sees over HTTP.
		var detail = KernelHttp.get(this.port, "/api/vats/" + vat("spinner").vatId());
		assertThat(detail.statusCode()).isEqualTo(200);
		assertThat(detail.body()).contains("\"state\":\"TERMINATED\"")
			.contains("\"terminationReason\":\"Compute meter exceeded\"")
			.contains("\"terminatedCrank\":" + vat("spinner").terminatedCrank())
			.contains("\"terminatedByOperator\":false")
			.contains("\"online\":false");
		assertThat(KernelHttp.get(this.port, "/api/vats?state=TERMINATED").body()).contains("\"name\":\"spinner\"")
			.contains("\"name\":\"recurser\"")
			.contains("\"name\":\"allocator\"")
			.doesNotContain("\"name\":\"bystander\"");
		assertThat(KernelHttp.get(this.port, "/actuator/health/kernel").body()).contains("\"status\":\"UP\"");
		assertThat(KernelHttp.get(this.port, "/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusShowsTheWorkloadAndTheFaultsItCaused() {
		TestConfigs.awaitIdle(this.runner);
		var scrape = KernelHttp.get(this.port, "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		String metrics = scrape.body();

		assertThat(Prometheus.sum(metrics, "kernel_cranks_total")).isGreaterThan(10);
		assertThat(Prometheus.sum(metrics, "kernel_deliveries_total", "type=\"startVat\"")).isEqualTo(6); // and vatAdmin
		assertThat(Prometheus.sum(metrics, "kernel_deliveries_total", "type=\"message\"")).isGreaterThan(5);
		assertThat(Prometheus.sum(metrics, "kernel_computrons_total", "vat=\"" + vat("bystander").vatId() + "\""))
			.isGreaterThan(1_000_000);
		assertThat(Prometheus.sum(metrics, "kernel_metering_faults_total", "kind=\"compute\"")).isEqualTo(1);
		assertThat(Prometheus.sum(metrics, "kernel_metering_faults_total", "kind=\"stack\"")).isEqualTo(1);
		assertThat(Prometheus.sum(metrics, "kernel_metering_faults_total", "kind=\"allocate\"")).isEqualTo(1);
		assertThat(Prometheus.sum(metrics, "kernel_vat_terminations_total", "reason=\"metering\"")).isEqualTo(3);
		assertThat(Prometheus.sum(metrics, "kernel_halts_total")).isZero();
		assertThat(metrics).contains("kernel_crank_duration_seconds{quantile=\"0.99\"")
			.contains("kernel_workers_online")
			.contains("kernel_run_queue_length");
	}

	@Test
	void hostMessageToATerminatedVatIsRejectedAndOthersStillAnswer() {
		TestConfigs.awaitIdle(this.runner);

		KernelRef toDead = this.kernel.queueToVatRoot(vat("spinner").vatId(), "hello", List.of());
		KernelRef toLive = this.kernel.queueToVatRoot(vat("bystander").vatId(), "count", List.of());
		TestConfigs.awaitIdle(this.runner);

		PromiseView dead = this.kernel.promise(toDead);
		assertThat(dead.state()).isEqualTo(PromiseState.REJECTED);
		assertThat(dead.resolution().body()).isEqualTo("#{\"#error\":\"vat terminated\",\"name\":\"Error\"}");
		assertThat(dead.errorMessage()).isEqualTo("vat terminated");
		PromiseView live = this.kernel.promise(toLive);
		assertThat(live.state()).isEqualTo(PromiseState.FULFILLED);
		assertThat(live.value().asInt()).isEqualTo(1);
	}

	private VatRecord vat(String name) {
		return this.kernel.vats().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
	}

}
