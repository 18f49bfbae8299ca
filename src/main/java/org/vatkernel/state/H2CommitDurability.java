package org.vatkernel.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Makes an H2 file database write every commit before the commit returns, whatever the URL says.
 * H2 otherwise writes a commit up to {@code WRITE_DELAY} ms (500 by default) after it returned,
 * so a SIGKILL in between loses a committed crank or an injection already answered with 202. The
 * setting lives in the open database, not in the file: a database reopened without it is back to
 * 500. So every new pooled connection sets it ({@code SET WRITE_DELAY 0}, Hikari's
 * connection-init SQL; it costs nothing per crank), and start-up is refused, naming the setting,
 * when the check after the pool starts still finds a delay (another pool, or init SQL of the
 * operator's own).
 */
final class H2CommitDurability implements BeanPostProcessor {

	static final String INIT_SQL = "SET WRITE_DELAY 0";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource hikari && needsWrites(hikari.getJdbcUrl())) {
			String own = hikari.getConnectionInitSql();
			if (own == null || own.isBlank()) {
				hikari.setConnectionInitSql(INIT_SQL);
			}
		}
		return bean;
	}

	/** Any DataSource, wrapped or not (a pool of the operator's own, a counting proxy): checked. */
	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			check(dataSource);
		}
		return bean;
	}

	/** An H2 database kept in files (not {@code mem:}): there a delayed write can be lost. */
	static boolean needsWrites(@Nullable String url) {
		if (url == null) {
			return false;
		}
		String lower = url.toLowerCase(Locale.ROOT);
		return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:");
	}

	private static void check(DataSource dataSource) {
		String url = null;
		long delay;
		try (Connection c = dataSource.getConnection()) {
			url = c.getMetaData().getURL();
			if (!needsWrites(url)) {
				return;
			}
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
					"select max(cast(setting_value as int)) from information_schema.settings where upper(setting_name) = 'WRITE_DELAY'")) {
				delay = rs.next() ? rs.getLong(1) : 0;
			}
		}
		catch (SQLException ex) {
			if (url == null) {
				return; // not reachable now: the DataSource's own start-up reports that, with its cause
			}
			throw new BeanInitializationException("cannot check H2's WRITE_DELAY on spring.datasource.url " + url
					+ ": " + ex.getMessage() + " (setting it needs an H2 admin user)", ex);
		}
		if (delay != 0) {
			throw new BeanInitializationException("the H2 database at spring.datasource.url " + url
					+ " writes commits up to " + delay + " ms after they return, so a crash could lose acknowledged"
					+ " work; remove spring.datasource.hikari.connection-init-sql (the kernel sets " + INIT_SQL
					+ " itself) or add WRITE_DELAY=0 to the URL");
		}
	}

}
