package org.vatkernel.kernel;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo config directory (sourceSpec vats, bundled at start-up with the pinned
 * bundle-source) runs from {@code kernel.config}; everything is checked over HTTP, as an
 * operator would see it.
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoConfigIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, Path.of("demo/config.json"));
	}

	@Autowired
	KernelRunner runner;

	@LocalServerPort
	int port;

	@Test
	void demoRunsAndItsTestLogIsReadable() {
		TestConfigs.awaitIdle(this.runner);

		HttpResponse<String> log = KernelHttp.get(this.port, "/api/test-log");
		assertThat(log.statusCode()).isEqualTo(200);
		assertThat(log.body()).isEqualTo("[\"greeter says: Hello, vatkernel!\",\"counter counted: 1, 2, 3\"]");

		String kernel = KernelHttp.get(this.port, "/api/kernel").body();
		assertThat(kernel).contains("\"state\":\"RUNNING\"").contains("\"bootstrapResult\":\"kp40\"");
		assertThat(KernelHttp.get(this.port, "/api/promises/kp40").body()).contains("\"state\":\"fulfilled\"")
			.contains("\"value\":\"demo ready\"");
		assertThat(KernelHttp.get(this.port, "/actuator/info").body()).contains("\"version\":")
			.contains("\"package\":\"@agoric/xsnap@0.15.0\"")
			.contains("\"meterType\":\"xs-meter-37\"")
			.containsPattern("\"lockdownBundle\":\\{[^}]*\"bundleId\":\"b0-[0-9a-f]{64}\"")
			.containsPattern("\"supervisorBundle\":\\{[^}]*\"bundleId\":\"b0-[0-9a-f]{64}\"");
		assertThat(KernelHttp.get(this.port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(KernelHttp.get(this.port, "/api/vats").body()).contains("\"name\":\"bootstrap\"")
			.contains("\"name\":\"greeter\"")
			.contains("\"name\":\"counter\"");
	}

	@Test
	void hostMessagesThroughTheApi() {
		TestConfigs.awaitIdle(this.runner);
		String counter = vatIdOf("counter");

		HttpResponse<String> sent = KernelHttp.post(this.port, "/api/vats/" + counter + "/messages",
				"{\"method\":\"increment\",\"args\":[]}");
		assertThat(sent.statusCode()).isEqualTo(202);
		String kpid = sent.body().replaceAll(".*\"kpid\":\"(kp[0-9]+)\".*", "$1");
		TestConfigs.awaitIdle(this.runner);

		assertThat(KernelHttp.get(this.port, "/api/promises/" + kpid).body()).contains("\"state\":\"fulfilled\"")
			.contains("\"value\":4");
	}

	@Test
	void badRequestsGetProblemDetailsAndChangeNothing() {
		TestConfigs.awaitIdle(this.runner);
		String before = KernelHttp.get(this.port, "/api/kernel").body();

		HttpResponse<String> unknownVat = KernelHttp.post(this.port, "/api/vats/v999/messages",
				"{\"method\":\"x\",\"args\":[]}");
		assertThat(unknownVat.statusCode()).isEqualTo(404);
		assertThat(unknownVat.headers().firstValue("Content-Type")).hasValueSatisfying(
				t -> assertThat(t).startsWith("application/problem+json"));
		assertThat(unknownVat.body()).contains("unknown-vat").contains("no vat v999");

		assertThat(KernelHttp.get(this.port, "/api/promises/kp99999").statusCode()).isEqualTo(404);
		HttpResponse<String> badId = KernelHttp.get(this.port, "/api/vats/nope");
		assertThat(badId.statusCode()).isEqualTo(400);
		assertThat(badId.body()).contains("invalid-id").contains("must be a vat id");

		HttpResponse<String> malformed = KernelHttp.post(this.port, "/api/vats/" + vatIdOf("counter") + "/messages",
				"{\"method\": ");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("\"status\":400");

		HttpResponse<String> noMethod = KernelHttp.post(this.port, "/api/vats/" + vatIdOf("counter") + "/messages",
				"{\"args\":[]}");
		assertThat(noMethod.statusCode()).isEqualTo(400);
		assertThat(noMethod.body()).contains("method");

		assertThat(KernelHttp.get(this.port, "/api/kernel").body()).isEqualTo(before);
		assertThat(KernelHttp.get(this.port, "/api/kernel").body()).contains("RUNNING");
	}

	private String vatIdOf(String name) {
		String vats = KernelHttp.get(this.port, "/api/vats").body();
		return vats.replaceAll(".*\"vatId\":\"(v[0-9]+)\",\"name\":\"" + name + "\".*", "$1");
	}

}
