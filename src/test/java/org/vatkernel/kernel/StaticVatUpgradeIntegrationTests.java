package org.vatkernel.kernel;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.worker.TestVats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator upgrades a static vat over HTTP ({@code POST /api/vats/{vatId}/upgrade}, SwingSet's
 * {@code upgradeStaticVat}): a version 2 whose {@code startVat} throws is refused and leaves
 * version 1 with its state; version 2 keeps the durable count; the vat shows its incarnation and
 * who upgraded it; bad requests are refused with a problem and change nothing.
 */
class StaticVatUpgradeIntegrationTests {

	private static final Path CONFIG = TestConfigs.write(null,
			TestConfigs.vats("counter", TestConfigs.Vat.of("upgrade-v1").parameters("{\"version\":\"static\"}")),
			"\"bundles\": { \"v2\": { \"bundleSpec\": \"" + TestVats.BUNDLES.resolve("upgrade-v2.bundle").toAbsolutePath()
					+ "\" }, \"v2-throws\": { \"bundleSpec\": \""
					+ TestVats.BUNDLES.resolve("upgrade-v2-throws.bundle").toAbsolutePath() + "\" } }");

	@Test
	void anOperatorUpgradesAStaticVat() throws IOException {
		try (TestKernel kernel = TestKernel.startWithHttp(CONFIG)) {
			kernel.awaitIdle();
			int port = kernel.port();
			assertThat(kernel.call("v5", "increment")).isEqualTo("1");
			assertThat(kernel.call("v5", "increment")).isEqualTo("2");

			// The vat's own state before the attempt: everything of it a failed upgrade must leave as it was.
			String before = vatState(port);
			String failed = upgrade(kernel, bundleId("upgrade-v2-throws"), "{\"version\":\"broken\"}");
			assertThat(vatState(port)).isEqualTo(before);
			assertThat(KernelHttp.get(port, "/api/promises/" + failed).body()).contains("\"state\":\"rejected\"")
				.contains("vat-upgrade failure");
			assertThat(kernel.call("v5", "version")).isEqualTo("\"v1 static\"");
			assertThat(kernel.call("v5", "increment")).isEqualTo("3");

			String hash = kernel.stateHash();
			assertProblem(KernelHttp.post(port, "/api/vats/v5/upgrade", "{\"bundleId\":\"b1-" + "0".repeat(128) + "\"}"), 404,
					"unknown-bundle");
			assertProblem(KernelHttp.post(port, "/api/vats/v5/upgrade", "{\"bundleId\":\"nope\"}"), 400, "invalid-id");
			assertProblem(KernelHttp.post(port, "/api/vats/v99/upgrade", "{\"bundleId\":\"" + bundleId("upgrade-v2") + "\"}"),
					404, "unknown-vat");
			assertThat(kernel.stateHash()).isEqualTo(hash);

			String succeeded = upgrade(kernel, bundleId("upgrade-v2"), "{\"version\":\"two\"}");
			assertThat(KernelHttp.get(port, "/api/promises/" + succeeded).body()).contains("\"state\":\"fulfilled\"")
				.contains("\"incarnationNumber\":1");
			assertThat(kernel.call("v5", "version")).isEqualTo("\"v2 two, things: \"");
			assertThat(kernel.call("v5", "increment")).isEqualTo("4");

			String detail = KernelHttp.get(port, "/api/vats/v5").body();
			assertThat(detail).contains("\"incarnation\":1").contains("\"requestedBy\":\"operator test-operator\"");
			String incarnation1 = KernelHttp.get(port, "/api/vats/v5/transcript?incarnation=1").body();
			assertThat(VatProtocolJson.parse(incarnation1).path("items").get(0).path("entry").path("d").get(0).stringValue())
				.isEqualTo("startVat");
			String metrics = KernelHttp.get(port, "/actuator/prometheus").body();
			assertThat(Prometheus.sum(metrics, "kernel_vat_upgrades_total", "outcome=\"failed\"")).isEqualTo(1);
			assertThat(Prometheus.sum(metrics, "kernel_vat_upgrades_total", "outcome=\"succeeded\"")).isEqualTo(1);
		}
	}

	/** v5's transcript, vatstore, c-list and incarnation, as the API shows them. */
	private static String vatState(int port) {
		String detail = KernelHttp.get(port, "/api/vats/v5").body();
		StringBuilder state = new StringBuilder();
		for (String part : List.of("transcript?limit=1000", "vatstore?limit=1000&values=true", "clist?limit=1000")) {
			String body = KernelHttp.get(port, "/api/vats/v5/" + part).body();
			assertThat(body).contains("\"items\":[{");
			state.append(body);
		}
		return state.append(detail.replaceAll(".*(\"incarnation\":[0-9]+).*", "$1")).toString();
	}

	private static String upgrade(TestKernel kernel, String bundleId, String vatParameters) {
		HttpResponse<String> response = KernelHttp.post(kernel.port(), "/api/vats/v5/upgrade",
				"{\"bundleId\":\"" + bundleId + "\",\"vatParameters\":" + vatParameters + ",\"upgradeMessage\":\"ops\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		kernel.awaitIdle();
		return VatProtocolJson.parse(response.body()).path("upgradeId").stringValue();
	}

	private static String bundleId(String bundle) throws IOException {
		return "b1-" + VatProtocolJson.parse(Files.readString(TestVats.BUNDLES.resolve(bundle + ".bundle")))
			.path("endoZipBase64Sha512")
			.stringValue();
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).contains("https://vatkernel.org/problems/" + type);
	}

}
