package org.vatkernel.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.vatkernel.model.VatId;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.testdb.TestDatabase;

/**
 * A heap snapshot's bytes are stored after the crank that took it commits. A process that dies
 * in between leaves the snapshot's row (position, hash) without them — made here by emptying the
 * newest row of a stopped kernel's DB. The vat then comes back from its previous snapshot, and its
 * replay takes the lost one again at its position: the same heap (same hash), stored, the worker
 * restarted from it; and the kernel goes on as one that never lost it.
 */
class LostSnapshotBytesIntegrationTests {

	private static final Path CONFIG = TestConfigs.withOptions(
			TestConfigs.write(null, TestConfigs.vats("counter", "durable-counter"), ""), "{\"snapshotInterval\": 10}");

	private static final String COUNTER = "v5";

	@Test
	void theReplayTakesTheLostSnapshotAgainAtItsPosition(@TempDir Path dir) throws Exception {
		String url = url(dir);
		JdbcTemplate db = stoppedAfter25Increments(url);
		Map<String, Object> lost = db.queryForMap(
				"select snap_pos, hash from heap_snapshot where vat_id = ? and in_use = true", COUNTER);
		long lostAt = ((Number) lost.get("snap_pos")).longValue();
		assertThat(db.queryForObject("select count(*) from heap_snapshot where vat_id = ? and compressed_size = 0",
				Integer.class, COUNTER))
			.as("every snapshot stored by the orderly stop")
			.isZero();
		Long olderAt = db.queryForObject("select max(snap_pos) from heap_snapshot where vat_id = ? and snap_pos < ?",
				Long.class, COUNTER, lostAt);
		assertThat(olderAt).as("an older snapshot to come back from").isNotNull();
		db.update("update heap_snapshot set compressed = null, compressed_size = 0 where vat_id = ? and snap_pos = ?",
				COUNTER, lostAt);

		String activity;
		try (TestKernel second = TestKernel.start(CONFIG, "spring.datasource.url=" + url)) {
			second.awaitIdle();
			assertThat(second.call(COUNTER, "increment")).isEqualTo("26");
			MeterRegistry meters = second.bean(MeterRegistry.class);
			assertThat(meters.get("kernel.replayed.deliveries").counter().count())
				.as("replayed from the older snapshot, through the lost one")
				.isGreaterThanOrEqualTo(lostAt - olderAt);

			SnapshotStore snapshots = second.bean(SnapshotStore.class);
			Path file = dir.resolve("retaken.xss");
			snapshots.load(VatId.of(COUNTER), lostAt, file);
			String retaken = HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
			assertThat(retaken).as("the same heap, stored again").isEqualTo(lost.get("hash"));
			activity = second.kernel().status().activityHash();
		}

		try (TestKernel uninterrupted = TestKernel.start(CONFIG, "spring.datasource.url=" + TestDatabase.freshH2())) {
			uninterrupted.awaitIdle();
			for (int i = 0; i < 25; i++) {
				uninterrupted.call(COUNTER, "increment");
			}
			assertThat(uninterrupted.call(COUNTER, "increment")).isEqualTo("26");
			assertThat(uninterrupted.kernel().status().activityHash()).matches("[0-9a-f]{64}").isEqualTo(activity);
		}
	}

	@Test
	void aRetakenSnapshotThatDiffersFromTheRecordedHashHaltsTheKernel(@TempDir Path dir) throws Exception {
		String url = url(dir);
		JdbcTemplate db = stoppedAfter25Increments(url);
		// As if the heap had come out differently on the way: the replay must not go on from it.
		db.update("update heap_snapshot set compressed = null, compressed_size = 0, hash = ? "
				+ "where vat_id = ? and in_use = true", "0".repeat(64), COUNTER);

		try (TestKernel second = TestKernel.start(CONFIG, "spring.datasource.url=" + url)) {
			second.awaitIdle();
			KernelService service = second.kernel();
			service.queueToVatRoot(VatId.of(COUNTER), "increment", List.of());
			long deadline = System.currentTimeMillis() + 60_000;
			while (service.status().state() != KernelState.HALTED) {
				assertThat(System.currentTimeMillis()).as("no halt: %s", service.status()).isLessThan(deadline);
				Thread.sleep(20);
			}
			assertThat(service.status().haltReason().message()).contains("heap snapshot").contains("0".repeat(64));
		}
	}

	private static String url(Path dir) {
		return TestDatabase.isPostgres() ? TestDatabase.freshPostgres()
				: "jdbc:h2:file:" + dir.resolve("kernel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
	}

	/** A kernel that took a few snapshots and stopped; its DB, for the test to damage. */
	private static JdbcTemplate stoppedAfter25Increments(String url) {
		// Stored after their cranks whatever the engine (on H2 the default stores them inside).
		try (TestKernel first = TestKernel.start(CONFIG, "spring.datasource.url=" + url,
				"kernel.warehouse.snapshot-store=after-commit")) {
			first.awaitIdle();
			for (int i = 0; i < 25; i++) {
				first.call(COUNTER, "increment");
			}
		} // an orderly stop: the stores still queued finish first
		// Boot's default H2 user; a PostgreSQL URL names its own.
		return new JdbcTemplate(
				TestDatabase.isPostgres() ? new DriverManagerDataSource(url) : new DriverManagerDataSource(url, "sa", ""));
	}

}
