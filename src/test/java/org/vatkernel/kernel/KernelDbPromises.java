package org.vatkernel.kernel;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads kernel promises straight from a stopped application's kernel DB (an H2 file or a PostgreSQL
 * database), for tests that check thousands of acknowledged kpids after a run: one query instead of
 * one HTTP request each.
 */
final class KernelDbPromises {

	/** A promise's state and, for a fulfilment with a plain integer, that integer (else null). */
	record Settled(String state, Long value) {
	}

	private KernelDbPromises() {
	}

	static Map<String, Settled> read(String jdbcUrl) throws SQLException {
		Map<String, Settled> promises = new HashMap<>();
		try (Connection c = jdbcUrl.startsWith("jdbc:h2:") ? DriverManager.getConnection(jdbcUrl, "sa", "")
				: DriverManager.getConnection(jdbcUrl);
				PreparedStatement s = c.prepareStatement("select kpid, state, resolution_body from kernel_promise");
				ResultSet rs = s.executeQuery()) {
			while (rs.next()) {
				String body = rs.getString(3);
				Long value = body != null && body.matches("#-?[0-9]+") ? Long.valueOf(body.substring(1)) : null;
				promises.put(rs.getString(1), new Settled(rs.getString(2), value));
			}
		}
		return promises;
	}

}
