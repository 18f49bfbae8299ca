package org.vatkernel.security;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.kernel.KernelHttp;
import org.vatkernel.kernel.KernelRunner;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.kernel.TestKernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may do what, over HTTP against the real application: anonymous callers get 401 on the API
 * and see health without details; viewers read everything and change nothing (403); operators
 * act. And the application does not start with a plain password outside the dev profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlIntegrationTests {

	/** Every endpoint that changes state, with a body each would accept. */
	private static final List<String[]> ACTIONS = List.of(new String[] { "/api/kernel/pause", "" },
			new String[] { "/api/kernel/resume", "" }, new String[] { "/api/kernel/step", "" },
			new String[] { "/api/kernel/reap", "" },
			new String[] { "/api/vats", "{\"bundleId\":\"b1-" + "0".repeat(128) + "\"}" },
			new String[] { "/api/vats/v1/terminate", "{\"reason\":\"r\"}" },
			new String[] { "/api/vats/v1/messages", "{\"method\":\"count\",\"args\":[]}" },
			new String[] { "/api/bundles", "{}" });

	private static final List<String> READS = List.of("/api/kernel", "/api/kernel/state-hash", "/api/vats",
			"/api/vats/v1", "/api/vats/v1/clist", "/api/vats/v1/vatstore", "/api/vats/v1/transcript",
			"/api/vats/v1/test-log", "/api/objects/ko20", "/api/promises/kp40", "/api/run-queue", "/api/bundles",
			"/api/test-log", "/actuator/prometheus", "/actuator/info");

	static Path config = TestConfigs.write(null,
			TestConfigs.vats("tally", TestConfigs.Vat.of("tally").parameters("{\"name\":\"t\"}")), "");

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, config);
	}

	@Autowired
	KernelRunner runner;

	@LocalServerPort
	int port;

	@Test
	void anonymousGets401OnTheApiAndMetrics() {
		for (String path : READS) {
			HttpResponse<String> response = KernelHttp.get(this.port, path, null);
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"vatkernel\"");
			assertThat(response.body()).contains("/problems/unauthenticated");
		}
		for (String[] action : ACTIONS) {
			assertThat(KernelHttp.post(this.port, action[0], action[1], null).statusCode()).as(action[0]).isEqualTo(401);
		}
	}

	@Test
	void aWrongPasswordIs401() {
		HttpResponse<String> response = KernelHttp.get(this.port, "/api/kernel", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(KernelHttp.getWithAuthorization(this.port, "/api/kernel",
				"Basic " + java.util.Base64.getEncoder().encodeToString("test-operator:wrong".getBytes()))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void viewerReadsEverythingAndChangesNothing() {
		TestConfigs.awaitIdle(this.runner);
		String before = KernelHttp.get(this.port, "/api/kernel/state-hash").body();
		for (String path : READS) {
			assertThat(KernelHttp.get(this.port, path, TestUsers.VIEWER).statusCode()).as(path).isEqualTo(200);
		}
		for (String[] action : ACTIONS) {
			HttpResponse<String> response = KernelHttp.post(this.port, action[0], action[1], TestUsers.VIEWER);
			assertThat(response.statusCode()).as(action[0]).isEqualTo(403);
			assertThat(response.body()).contains("/problems/forbidden").contains("operator role");
		}
		assertThat(KernelHttp.get(this.port, "/api/kernel/state-hash").body()).isEqualTo(before);
		assertThat(KernelHttp.get(this.port, "/api/kernel").body()).contains("\"state\":\"RUNNING\"");
	}

	@Test
	void operatorActs() {
		TestConfigs.awaitIdle(this.runner);
		assertThat(KernelHttp.post(this.port, "/api/kernel/pause", "", TestUsers.OPERATOR).statusCode()).isEqualTo(200);
		assertThat(KernelHttp.post(this.port, "/api/vats/v1/messages", "{\"method\":\"count\",\"args\":[]}",
				TestUsers.OPERATOR).statusCode()).isEqualTo(202);
		assertThat(KernelHttp.post(this.port, "/api/kernel/step", "", TestUsers.OPERATOR).statusCode()).isEqualTo(200);
		assertThat(KernelHttp.post(this.port, "/api/kernel/resume", "", TestUsers.OPERATOR).statusCode())
			.isEqualTo(200);
		assertThat(KernelHttp.get(this.port, "/api/kernel", TestUsers.OPERATOR).body())
			.contains("\"state\":\"RUNNING\"");
	}

	@Test
	void healthShowsStatusToAnyoneAndDetailsOnlyToUsers() {
		HttpResponse<String> anonymous = KernelHttp.get(this.port, "/actuator/health", null);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("kernel");
		assertThat(KernelHttp.get(this.port, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		assertThat(KernelHttp.get(this.port, "/actuator/health", TestUsers.VIEWER).body())
			.contains("\"kernel\":{\"details\":{\"state\":\"RUNNING\"}");
	}

	@Test
	void noCorsHeadersForOtherOrigins() {
		HttpResponse<String> response = KernelHttp.send(this.port, "/api/kernel", "OPTIONS",
				new String[] { "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET" });
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void theOpenApiDocumentIsServed() {
		HttpResponse<String> docs = KernelHttp.get(this.port, "/v3/api-docs", null);
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("\"openapi\":\"3.").contains("/api/vats/{vatId}/transcript")
			.contains("/api/bundles");
		assertThat(KernelHttp.get(this.port, "/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
	}

	/**
	 * The console signs in with a form and a session; the session's CSRF token is what a
	 * state change needs, on the console and on the API alike. The API's own HTTP Basic callers
	 * need no token and get no session.
	 */
	@Test
	void theConsoleSignsInWithAFormAndTheSessionNeedsItsCsrfToken() throws Exception {
		java.net.CookieManager cookies = new java.net.CookieManager();
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
			.build();
		String base = "http://localhost:" + this.port;
		HttpResponse<String> anonymous = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/console")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
		HttpResponse<String> script = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/console/assets/console.js")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(script.statusCode()).isEqualTo(200);

		HttpResponse<String> login = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
		String token = login.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		java.util.function.BiFunction<String, String, HttpResponse<String>> form = (user, password) -> {
			try {
				return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf=" + token))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		};
		assertThat(form.apply(TestUsers.OPERATOR.username(), "wrong").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
		HttpResponse<String> signedIn = form.apply(TestUsers.OPERATOR.username(), TestUsers.OPERATOR.password());
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));

		HttpResponse<String> page = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/console")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		String pageToken = page.body().replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");
		java.util.function.Function<String, java.net.http.HttpRequest.Builder> pause = t -> {
			java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/kernel/pause"))
				.POST(java.net.http.HttpRequest.BodyPublishers.noBody());
			return t == null ? b : b.header("X-CSRF-TOKEN", t);
		};
		// The signed-in operator's session without the token: refused, and nothing changed.
		assertThat(client.send(pause.apply(null).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
		assertThat(client.send(pause.apply("forged").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
		assertThat(KernelHttp.get(this.port, "/api/kernel", TestUsers.VIEWER).body()).contains("\"state\":\"RUNNING\"");
		// With it: done. Then resumed by an HTTP Basic caller, who needs no token and gets no cookie.
		assertThat(client.send(pause.apply(pageToken).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		HttpResponse<String> resumed = KernelHttp.post(this.port, "/api/kernel/resume", "", TestUsers.OPERATOR);
		assertThat(resumed.statusCode()).isEqualTo(200);
		assertThat(resumed.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(resumed.body()).contains("\"state\":\"RUNNING\"");
	}

	@Test
	void refusesToStartWithAPlainPasswordOutsideDev() {
		assertThatThrownBy(() -> TestKernel.startWithHttp(config, "kernel.security.users[0].name=ops",
				"kernel.security.users[0].password={noop}a-long-password", "kernel.security.users[0].role=operator")
			.close())
			.hasStackTraceContaining("Refusing to start with these credentials")
			.hasStackTraceContaining("plain passwords are for the dev profile only");
	}

}
