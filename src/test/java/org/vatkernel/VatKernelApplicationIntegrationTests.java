package org.vatkernel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vatkernel.model.VatId;
import org.vatkernel.worker.LiveSlotsOptions;
import org.vatkernel.worker.TestVats;
import org.vatkernel.worker.WorkerManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application starts on the built runtime, serves health, and runs a vat. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:smoke;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
class VatKernelApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	WorkerManager workers;

	@Test
	void startsServesHealthAndRunsAVat() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");

		this.workers.start(VatId.of("v1"), "smoke", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
		assertThat(this.workers.deliver(VatId.of("v1"), TestVats.startVat(), new TestVats.RecordingHandler()).result().isOk())
			.isTrue();
		assertThat(this.workers.workers()).hasSize(1);
	}

}
