package org.vatkernel.kernel;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.security.TestUsers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consensus kernel options live in the kernel DB: set from the config, shown by
 * {@code GET /api/kernel}, changed only by a recorded operator call; a node's Spring properties
 * cannot change what its cranks commit.
 */
class KernelOptionsIntegrationTests {

	private static final Path CONFIG = TestConfigs.write(null, TestConfigs.vats("counter", "chaos-counter"),
			"\"snapshotInterval\": 4, \"snapshotInitial\": 2, \"cleanupBudget\": 7, \"defaultReapInterval\": \"never\"");

	@Test
	void theConfigSetsThemAndAnOperatorChangesThemOnTheRecord() {
		try (TestKernel kernel = TestKernel.startWithHttp(CONFIG)) {
			kernel.awaitIdle();
			JsonNode options = status(kernel).get("options");
			assertThat(options.get("snapshotInterval").asInt()).isEqualTo(4);
			assertThat(options.get("snapshotInitial").asInt()).isEqualTo(2);
			assertThat(options.get("cleanupBudget").asInt()).isEqualTo(7);
			assertThat(options.get("defaultReapInterval").isNull()).isTrue();

			HttpResponse<String> changed = KernelHttp.post(kernel.port(), "/api/kernel/options",
					"{\"snapshotInterval\": 0, \"defaultReapInterval\": 50}");
			assertThat(changed.statusCode()).isEqualTo(200);
			assertThat(status(kernel).at("/options/snapshotInterval").asInt()).isZero();
			assertThat(status(kernel).at("/options/defaultReapInterval").asInt()).isEqualTo(50);
			JsonNode history = VatProtocolJson.parse(KernelHttp.get(kernel.port(), "/api/kernel/options").body());
			assertThat(history.at("/changes/0/changedBy").asString()).isEqualTo(TestUsers.OPERATOR.username());
			assertThat(history.at("/changes/0/options/defaultReapInterval").asInt()).isEqualTo(50);
			assertThat(history.at("/changes/0/crank").asLong()).isEqualTo(kernel.kernel().status().crankNumber());

			// The new interval is in force: no snapshot BOYD joins the transcript any more.
			VatId vat = kernel.vatId("counter");
			long before = kernel.bean(VatQueries.class).vat(vat).transcriptLength();
			for (int i = 0; i < 6; i++) {
				kernel.call(vat, "increment");
			}
			assertThat(kernel.bean(VatQueries.class).vat(vat).transcriptLength()).isEqualTo(before + 6);
		}
	}

	@Test
	void badOptionsAreRefusedNamingTheOptionAndWriteNothing() {
		try (TestKernel kernel = TestKernel.startWithHttp(CONFIG)) {
			kernel.awaitIdle();
			String hash = kernel.stateHash();
			assertRefused(kernel, "{\"snapshotInterval\": -1}", "snapshotInterval");
			assertRefused(kernel, "{\"cleanupBudget\": 0}", "cleanupBudget");
			assertRefused(kernel, "{\"snapshotInterval\": \"often\"}", "snapshotInterval");
			assertRefused(kernel, "{\"defaultReapGCKrefs\": 1.5}", "defaultReapGCKrefs");
			assertRefused(kernel, "{\"snapshotIntervall\": 10}", "snapshotIntervall");
			assertRefused(kernel, "{}", "snapshotInterval");
			assertRefused(kernel, "[1]", "JSON object");
			assertThat(KernelHttp.post(kernel.port(), "/api/kernel/options", "{\"snapshotInterval\": 9}",
					TestUsers.VIEWER).statusCode()).isEqualTo(403);
			assertThat(kernel.stateHash()).isEqualTo(hash);
			assertThat(status(kernel).at("/options/snapshotInterval").asInt()).isEqualTo(4);
			assertThat(VatProtocolJson.parse(KernelHttp.get(kernel.port(), "/api/kernel/options").body()).get("changes"))
				.isEmpty();
			assertThat(kernel.call(kernel.vatId("counter"), "increment")).isEqualTo("1");
		}
	}

	@Test
	void nodesWithDifferentSnapshotPropertiesButTheSameConfigAgree() {
		Path config = TestConfigs.write(null, TestConfigs.vats("a", "chaos-counter", "b", "chaos-counter"), "");
		String hashA;
		String hashB;
		try (TestKernel a = TestKernel.start(config, "kernel.snapshot-interval=1", "kernel.snapshot-initial=1",
				"kernel.cleanup-budget=1")) {
			hashA = workload(a);
		}
		try (TestKernel b = TestKernel.start(config, "kernel.snapshot-interval=1000", "kernel.snapshot-initial=0")) {
			hashB = workload(b);
		}
		assertThat(hashB).isEqualTo(hashA);
	}

	/** Enough deliveries to cross SwingSet's default snapshotInitial (3) on both vats. */
	private static String workload(TestKernel kernel) {
		kernel.awaitIdle();
		for (int i = 0; i < 5; i++) {
			kernel.call(kernel.vatId("a"), "increment");
			kernel.call(kernel.vatId("b"), "increment");
		}
		kernel.awaitIdle();
		assertThat(kernel.kernel().kernelOptions()).isEqualTo(KernelOptions.DEFAULTS);
		return kernel.stateHash();
	}

	private static void assertRefused(TestKernel kernel, String body, String named) {
		HttpResponse<String> response = KernelHttp.post(kernel.port(), "/api/kernel/options", body);
		assertThat(response.statusCode()).as(body).isEqualTo(400);
		JsonNode problem = VatProtocolJson.parse(response.body());
		assertThat(problem.get("type").asString()).endsWith("/invalid-kernel-options");
		assertThat(problem.get("detail").asString()).contains(named);
	}

	private static JsonNode status(TestKernel kernel) {
		return VatProtocolJson.parse(KernelHttp.get(kernel.port(), "/api/kernel").body());
	}

}
