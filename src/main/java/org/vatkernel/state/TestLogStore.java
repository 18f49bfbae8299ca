package org.vatkernel.state;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.VatId;

/** The kernel-wide test log: every {@code vatPowers.testLog} line in order. */
@Repository
public class TestLogStore {

	private static final String APPEND = "insert into test_log (crank, vat_id, line) values (:crank, :vatId, :line)";

	private static final String ALL = "select line from test_log order by seq";

	private static final String FOR_VAT = """
			select seq, crank, vat_id, line from test_log where vat_id = :vatId and seq > :after order by seq limit :limit
			""";

	private static final String AFTER = """
			select seq, crank, vat_id, line from test_log where seq > :after order by seq limit :limit
			""";

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	public TestLogStore(JdbcClient jdbc, ActivityLog activity) {
		this.jdbc = jdbc;
		this.activity = activity;
	}

	public void append(long crank, VatId vatId, String line) {
		this.jdbc.sql(APPEND).param("crank", crank).param("vatId", vatId.value()).param("line", line).update();
		this.activity.record("push", "test_log", crank, vatId, line);

	}

	public List<String> lines() {
		return this.jdbc.sql(ALL).query(String.class).list();
	}


	/** One line with where it came from. */
	public record Line(long seq, long crank, VatId vatId, String line) {
	}

	/** Every vat's lines after {@code afterSeq}, oldest first (a follower's next page). */
	public List<Line> after(long afterSeq, int limit) {
		return this.jdbc.sql(AFTER)
			.param("after", afterSeq)
			.param("limit", limit)
			.query((rs, row) -> new Line(rs.getLong(1), rs.getLong(2), VatId.of(rs.getString(3)), rs.getString(4)))
			.list();
	}

	/** A vat's lines after {@code afterSeq}, oldest first. */
	public List<Line> forVat(VatId vatId, long afterSeq, int limit) {
		return this.jdbc.sql(FOR_VAT)
			.param("vatId", vatId.value())
			.param("after", afterSeq)
			.param("limit", limit)
			.query((rs, row) -> new Line(rs.getLong(1), rs.getLong(2), VatId.of(rs.getString(3)), rs.getString(4)))
			.list();
	}

}
