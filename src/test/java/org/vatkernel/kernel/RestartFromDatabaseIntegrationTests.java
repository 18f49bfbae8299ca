package org.vatkernel.kernel;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopped kernel started again on the same DB (H2, or PostgreSQL in the postgres run) continues
 * where it left off: the config is not applied twice, vats come back from their snapshots and
 * transcripts, and the state is the one the last committed crank left.
 */
class RestartFromDatabaseIntegrationTests {

	private static final Path CONFIG = TestConfigs.write(null,
			TestConfigs.vats("counter", "durable-counter", "other", "durable-counter"), "");

	@Test
	void secondStartContinuesFromTheDatabase(@TempDir Path dir) {
		// On H2 a file DB, as a node has: the in-memory one does not outlive its first context.
		String url = TestDatabase.isPostgres() ? TestDatabase.freshPostgres()
				: "jdbc:h2:file:" + dir.resolve("kernel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		String hashAtStop;
		long crankAtStop;
		String activityAfterRestart;

		try (TestKernel first = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 10}"),
				"spring.datasource.url=" + url)) {
			// Host inputs at the same crank boundaries on both kernels: after start-up's cranks.
			first.awaitIdle();
			for (int i = 0; i < 25; i++) {
				assertThat(first.call("v5", "increment")).isEqualTo(Integer.toString(i + 1));
			}
			assertThat(first.call("v6", "increment")).isEqualTo("1");
			hashAtStop = first.stateHash();
			crankAtStop = first.kernel().status().crankNumber();
		}

		try (TestKernel second = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 10}"),
				"spring.datasource.url=" + url)) {
			second.awaitIdle();
			assertThat(second.kernel().vats()).hasSize(3); // and vatAdmin
			assertThat(second.stateHash()).isEqualTo(hashAtStop);
			assertThat(second.kernel().status().crankNumber()).isEqualTo(crankAtStop);
			// v1 comes back from its last snapshot plus the tail, v2 by replaying its transcript.
			assertThat(second.call("v5", "increment")).isEqualTo("26");
			assertThat(second.call("v6", "get")).isEqualTo("1");
			MeterRegistry meters = second.bean(MeterRegistry.class);
			// v1 from its snapshot; v2 (two entries, below snapshot-initial) by replaying both.
			assertThat(meters.get("kernel.snapshot.loads").timer().count()).isEqualTo(1);
			assertThat(meters.get("kernel.replayed.deliveries").counter().count()).isGreaterThanOrEqualTo(2);
			activityAfterRestart = second.kernel().status().activityHash();
		}

		// The same host inputs to a kernel that never stopped (in-memory H2, and its snapshots
		// never loaded): the same activity hash.
		try (TestKernel uninterrupted = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 10}"),
				"spring.datasource.url=" + TestDatabase.freshH2())) {
			uninterrupted.awaitIdle();
			for (int i = 0; i < 25; i++) {

				uninterrupted.call("v5", "increment");
			}
			uninterrupted.call("v6", "increment");
			uninterrupted.call("v5", "increment");
			assertThat(uninterrupted.call("v6", "get")).isEqualTo("1");
			assertThat(uninterrupted.kernel().status().activityHash()).matches("[0-9a-f]{64}")
				.isEqualTo(activityAfterRestart);
		}
	}

}
