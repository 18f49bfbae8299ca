package org.vatkernel.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.vatkernel.testdb.TestDatabase;

/**
 * The least a committed crank can cost the kernel on this machine, without any kernel: what a
 * crank's database work would take if it were one head read, one write and a durable commit
 * (plain JDBC, one connection, each engine as the kernel configures it). It bounds the
 * benchmark's overhead share from below: a crank's kernel time cannot be less than this.
 * <p>
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.vatkernel.bench.CommitFloorBenchmark}
 * (PostgreSQL too when {@code VATKERNEL_TEST_POSTGRES_URL} names a server); {@code -Dbench.n=5000},
 * {@code -Dbench.tables=1,2,4,6,8,12} (the numbers of tables one commit writes a row in).
 */
public final class CommitFloorBenchmark {

	private CommitFloorBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int n = Integer.getInteger("bench.n", 5000);
		List<Integer> tableCounts = List.of(System.getProperty("bench.tables", "1,2,4,6,8,12").split(","))
			.stream()
			.map(Integer::parseInt)
			.toList();
		List<String> engines = new ArrayList<>(List.of("h2"));
		if (System.getenv(TestDatabase.SERVER_ENV) != null) {
			engines.add("postgres");
		}
		for (String engine : engines) {
			String url = KernelBenchmark.url(engine);
			try (Connection c = engine.equals("h2") ? DriverManager.getConnection(url, "sa", "")
					: DriverManager.getConnection(url)) {
				try (Statement s = c.createStatement()) {
					if (engine.equals("h2")) {
						s.execute("SET WRITE_DELAY 0"); // as the kernel sets it: each commit written
					}
					s.execute("create table floor_queue (seq bigint primary key, item varchar(200))");
				}
				c.setAutoCommit(false);
				List<Long> writeCommit = new ArrayList<>();
				List<Long> readWriteCommit = new ArrayList<>();
				try (PreparedStatement insert = c.prepareStatement("insert into floor_queue values (?, ?)");
						PreparedStatement head = c
							.prepareStatement("select seq, item from floor_queue where seq >= ? order by seq limit 1")) {
					for (int i = 0; i < 2 * n; i++) {
						boolean read = i % 2 == 1;
						long start = System.nanoTime();
						if (read) {
							head.setLong(1, i - 1);
							try (ResultSet rs = head.executeQuery()) {
								rs.next();
							}
						}
						insert.setLong(1, i);
						insert.setString(2, "{\"type\":\"send\",\"target\":\"ko21\",\"n\":" + i + "}");
						insert.executeUpdate();
						c.commit();
						(read ? readWriteCommit : writeCommit).add(System.nanoTime() - start);
					}
				}
				System.out.printf(Locale.ROOT,
						"%s: write+commit p50 %.3f ms, p99 %.3f ms; read+write+commit p50 %.3f ms, p99 %.3f ms "
								+ "(%d each)%n",
						engine, p(writeCommit, 50), p(writeCommit, 99), p(readWriteCommit, 50), p(readWriteCommit, 99), n);
				for (int tables : tableCounts) {
					List<Long> spread = spread(c, tables, n, engine.equals("postgres"));
					System.out.printf(Locale.ROOT, "%s: one row in each of %d tables + commit p50 %.3f ms, p99 %.3f ms%n",
							engine, tables, p(spread, 50), p(spread, 99));
				}
			}
			KernelBenchmark.drop(engine, url);
		}
	}

	/**
	 * A commit's cost as the number of tables it writes grows: a crank writes about 12 rows in 8 to
	 * 10 tables (and their indexes), and each engine pays per table at commit (H2 rewrites each
	 * changed table's pages into the new chunk). On PostgreSQL the inserts go as one
	 * multi-statement command, one round trip, as the kernel sends a crank's writes there.
	 */
	private static List<Long> spread(Connection c, int tables, int n, boolean asOne) throws SQLException {
		List<PreparedStatement> inserts = new ArrayList<>();
		try (Statement s = c.createStatement()) {
			for (int t = 0; t < tables; t++) {
				s.execute("create table spread_" + tables + "_" + t
						+ " (id bigint primary key, owner varchar(20), item varchar(200))");
				s.execute("create index spread_" + tables + "_" + t + "_owner on spread_" + tables + "_" + t
						+ " (owner, id)");
			}
			c.commit();
		}
		List<Long> nanos = new ArrayList<>();
		try {
			StringBuilder all = new StringBuilder();
			for (int t = 0; t < tables; t++) {
				String insert = "insert into spread_" + tables + "_" + t + " values (?, ?, ?)";
				if (asOne) {
					all.append(insert).append(";\n");
				}
				else {
					inserts.add(c.prepareStatement(insert));
				}
			}
			if (asOne) {
				inserts.add(c.prepareStatement(all.toString()));
			}
			int perStatement = asOne ? tables : 1;
			for (int i = 0; i < n; i++) {
				long start = System.nanoTime();
				for (PreparedStatement insert : inserts) {
					for (int k = 0; k < perStatement; k++) {
						insert.setLong(3 * k + 1, i);
						insert.setString(3 * k + 2, "v" + (i % 7));
						insert.setString(3 * k + 3, "{\"type\":\"send\",\"target\":\"ko21\",\"n\":" + i + "}");
					}
					insert.execute();
				}
				c.commit();
				nanos.add(System.nanoTime() - start);
			}
		}
		finally {
			for (PreparedStatement insert : inserts) {
				insert.close();
			}
		}
		return nanos;
	}

	private static double p(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)) / 1e6;
	}

}
