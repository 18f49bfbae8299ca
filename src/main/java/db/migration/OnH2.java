package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.Context;

/**
 * Runs a migration's statement on H2 only: the Java migrations here exist because H2 needs a
 * statement that PostgreSQL does not (or must not run). Not a migration itself, so Flyway passes
 * over it.
 */
final class OnH2 {

	private OnH2() {
	}

	static void run(Context context, String sql) throws SQLException {
		Connection connection = context.getConnection();
		if (!connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2")) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
