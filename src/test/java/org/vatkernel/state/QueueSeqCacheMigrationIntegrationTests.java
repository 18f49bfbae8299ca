package org.vatkernel.state;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V11 lets H2 hand out queue seqs 1,024 at a time (its sequence cache is database-wide, so order
 * is kept) and leaves PostgreSQL at 1 (its cache is per session). Run on a DB that already holds
 * queued items, as an operator's node meets it; on H2, and on PostgreSQL in the postgres run.
 */
class QueueSeqCacheMigrationIntegrationTests {

	private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(TestDatabase.freshUrl(),
			true);

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

	@Test
	void itemsQueuedAfterTheMigrationComeAfterThoseQueuedBeforeIt() {
		Flyway.configure().dataSource(this.dataSource).target("10").load().migrate();
		assertThat(seqCache()).as("before V11").isEqualTo(TestDatabase.isPostgres() ? 1 : 32);
		queue("before-1", "before-2");

		Flyway.configure().dataSource(this.dataSource).target("11").load().migrate();

		assertThat(seqCache()).isEqualTo(TestDatabase.isPostgres() ? 1 : 1024);
		queue("after-1", "after-2", "after-3");
		assertThat(this.jdbc.queryForList("select item from kernel_queue where queue = 'run' order by seq", String.class))
			.containsExactly("before-1", "before-2", "after-1", "after-2", "after-3");
	}

	private void queue(String... items) {
		for (String item : items) {
			this.jdbc.update("insert into kernel_queue (queue, item) values ('run', ?)", item);
		}
	}

	private long seqCache() {
		if (TestDatabase.isPostgres()) {
			return this.jdbc.queryForObject(
					"select cache_size from pg_sequences where sequencename = (select split_part(pg_get_serial_sequence('kernel_queue', 'seq'), '.', 2))",
					Long.class);
		}
		List<Long> cache = this.jdbc.queryForList("""
				select identity_cache from information_schema.columns
				where table_name = 'kernel_queue' and column_name = 'seq'
				""", Long.class);
		return cache.get(0);
	}

}
