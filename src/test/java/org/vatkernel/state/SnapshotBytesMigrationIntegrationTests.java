package org.vatkernel.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V10 moves a heap snapshot's bytes out of its row on H2 (a binary large object; PostgreSQL
 * keeps them out of line already and is left as it was) on a kernel DB that already holds
 * snapshots: what an operator's node meets on upgrade. Run on H2, and on PostgreSQL in the
 * postgres run.
 */
class SnapshotBytesMigrationIntegrationTests {

	private static final VatId V1 = VatId.of("v1");

	private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(TestDatabase.freshUrl(),
			true);

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

	@Test
	void snapshotsStoredBeforeTheMigrationLoadTheSameBytesAfterIt(@TempDir Path dir) throws Exception {
		migrateTo("9");
		CrankBuffer buffer = new CrankBuffer(this.dataSource);
		JdbcClient client = JdbcClient.create(this.jdbc);
		new BundleStore(client).add("b1-x", "{\"moduleFormat\":\"endoZipBase64\"}");
		new VatStore(client, buffer, new ActivityLog(this.jdbc, buffer)).insert(V1, "one", "b1-x", "{\"metered\":true}");
		byte[] old = heap(1);
		byte[] current = heap(2);
		SnapshotStore snapshots = new SnapshotStore(client, buffer);
		snapshots.save(V1, 5, "hash5", Files.write(dir.resolve("old"), old));
		snapshots.save(V1, 10, "hash10", Files.write(dir.resolve("current"), current));
		assertThat(columnType()).as("before V10").isEqualTo(TestDatabase.isPostgres() ? "bytea" : "binary varying");

		migrateTo("10");

		assertThat(columnType()).isEqualTo(TestDatabase.isPostgres() ? "bytea" : "binary large object");
		assertThat(Files.readAllBytes(load(snapshots, 5, dir))).isEqualTo(old);
		assertThat(Files.readAllBytes(load(snapshots, 10, dir))).isEqualTo(current);
		assertThat(snapshots.current(V1)).get().extracting(SnapshotStore.SnapshotInfo::hash).isEqualTo("hash10");

		// Bytes written after the migration, both ways the kernel writes them.
		byte[] next = heap(3);
		snapshots.recordTaken(V1, 15, "hash15", next.length);
		snapshots.storeBytes(V1, 15, SnapshotStore.compress(Files.write(dir.resolve("next"), next)));
		assertThat(Files.readAllBytes(load(snapshots, 15, dir))).isEqualTo(next);
		snapshots.pruneBefore(V1, 15);
		assertThat(this.jdbc.queryForList("select snap_pos from heap_snapshot order by snap_pos", Long.class))
			.containsExactly(15L);
	}

	private void migrateTo(String version) {
		Flyway.configure().dataSource(this.dataSource).target(version).load().migrate();
	}

	private String columnType() {
		return this.jdbc.queryForObject("""
				select data_type from information_schema.columns
				where table_name = 'heap_snapshot' and column_name = 'compressed'
				""", String.class);
	}

	private static Path load(SnapshotStore snapshots, long snapPos, Path dir) {
		Path file = dir.resolve("loaded-" + snapPos);
		snapshots.load(V1, snapPos, file);
		return file;
	}

	/** A heap-sized, incompressible file, different per seed. */
	private static byte[] heap(int seed) {
		byte[] bytes = new byte[1_500_000];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
