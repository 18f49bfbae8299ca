package org.vatkernel.kernel;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/** Every row of every kernel table, as text: compares the whole DB before and after a crank. */
public final class TableDump {

	private TableDump() {
	}

	public static Map<String, List<String>> of(DataSource dataSource) {
		Map<String, List<String>> dump = new TreeMap<>();
		try (Connection c = dataSource.getConnection()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] { "TABLE" })) {
				while (rs.next()) {
					tables.add(rs.getString("TABLE_NAME"));
				}
			}
			for (String table : tables) {
				List<String> rows = new ArrayList<>();
				try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + table)) {
					int columns = rs.getMetaData().getColumnCount();
					while (rs.next()) {
						StringBuilder row = new StringBuilder();
						for (int i = 1; i <= columns; i++) {
							Object value = rs.getObject(i);
							row.append(i > 1 ? " | " : "")
								.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value));
						}
						rows.add(row.toString());
					}
				}
				rows.sort(null);
				dump.put(table, rows);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		if (dump.size() < 10) {
			throw new IllegalStateException("expected the kernel tables, found " + dump.keySet());
		}
		return dump;
	}

}
