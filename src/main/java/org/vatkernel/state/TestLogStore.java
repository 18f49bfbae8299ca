package org.vatkernel.state;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The kernel-wide test log: every {@code vatPowers.testLog} line in order. */
@Repository
public class TestLogStore {

	private static final String APPEND = "insert into test_log (crank, vat_id, line) values (:crank, :vatId, :line)";

	private static final String ALL = "select line from test_log order by seq";

	private final JdbcClient jdbc;

	public TestLogStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void append(long crank, String vatId, String line) {
		this.jdbc.sql(APPEND).param("crank", crank).param("vatId", vatId).param("line", line).update();
	}

	public List<String> lines() {
		return this.jdbc.sql(ALL).query(String.class).list();
	}

}
