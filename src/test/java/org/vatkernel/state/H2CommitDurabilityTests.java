package org.vatkernel.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.kernel.TestKernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On an H2 file URL without {@code WRITE_DELAY}, every connection of the application writes each
 * commit before it returns; an operator's own connection-init SQL that leaves H2's delay in place
 * stops start-up, naming the setting. (The kill test is {@code AcknowledgedInjectionsSurviveKillsIT}.)
 */
class H2CommitDurabilityTests {

	private static final Path CONFIG = TestConfigs.write(null, TestConfigs.vats("counter", "durable-counter"), "");

	@Test
	void plainFileUrlWritesEveryCommit(@TempDir Path dir) throws Exception {
		try (TestKernel node = TestKernel.start(CONFIG, "spring.datasource.url=" + plainUrl(dir),
				"kernel.run-on-start=false")) {
			DataSource dataSource = node.bean(DataSource.class);
			// Several connections at once: each new one of the pool gets the setting.
			try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
				assertThat(writeDelay(a)).isZero();
				assertThat(writeDelay(b)).isZero();
			}
		}
	}

	@Test
	void ownInitSqlThatKeepsTheDelayIsRefused(@TempDir Path dir) {
		assertThatThrownBy(() -> TestKernel.start(CONFIG, "spring.datasource.url=" + plainUrl(dir),
				"spring.datasource.hikari.connection-init-sql=SELECT 1").close())
			.rootCause()
			.hasMessageContaining("writes commits up to 500 ms after they return")
			.hasMessageContaining("spring.datasource.hikari.connection-init-sql");
	}

	private static String plainUrl(Path dir) {
		return "jdbc:h2:file:" + dir.resolve("kernel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
	}

	private static long writeDelay(Connection c) throws Exception {
		try (ResultSet rs = c.createStatement()
			.executeQuery("select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
			assertThat(rs.next()).isTrue();
			return rs.getLong(1);
		}
	}

}
