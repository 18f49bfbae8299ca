package org.vatkernel.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * (PostgreSQL too when {@code VATKERNEL_TEST_POSTGRES_URL} names a server); {@code -Dbench.n=5000}.
 */
public final class CommitFloorBenchmark {

	private CommitFloorBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int n = Integer.getInteger("bench.n", 5000);
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
			}
			KernelBenchmark.drop(engine, url);
		}
	}

	private static double p(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)) / 1e6;
	}

}
