package org.vatkernel.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.vatkernel.kernel.CrankFinished;
import org.vatkernel.kernel.CrankListeners;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.PromiseView;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.kernel.TestKernel;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;
import org.vatkernel.worker.WorkerInfo;
import org.vatkernel.worker.WorkerManager;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.vatkernel.bench.Medians.ms;
import static org.vatkernel.bench.Medians.percentile;

/**
 * The kernel benchmark (issue 6): real vats on real workers, every crank its own committed
 * transaction, kernel defaults otherwise (heap snapshot every 200 deliveries). Ping-pong (each
 * call awaits the previous answer) and fan-out (all calls sent, then awaited) between two vats
 * for each N, on an H2 file DB and, when a server is given, PostgreSQL; then the vat lifecycle
 * (snapshot write, restore versus boot and replay) and the scale run (many vats round-robin, few
 * workers online). Prints one table and the lifecycle and scale lines. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.vatkernel.bench.KernelBenchmark}
 * and, for PostgreSQL, {@code VATKERNEL_TEST_POSTGRES_URL} set to an admin JDBC URL (a fresh
 * database is created on it). System properties: {@code bench.n} (default {@code 1000,5000}),
 * {@code bench.engines} ({@code h2,postgres}; {@code none} runs no throughput rows), {@code bench.scale-vats} (1000),
 * {@code bench.spare-workers} (2, the default; {@code kernel.worker.spare-workers} of the scale run),
 * {@code bench.sql} (false; true prints the statements each throughput row sent, by SQL),
 * {@code bench.scale-workers} (20), {@code bench.scale-rounds} (1; 0 skips the scale run),
 * {@code bench.lifecycle-runs} (5; the {@link VatLifecycleBenchmark} part, 0 skips it),
 * {@code bench.snapshot-interval} (200, the kernel default, for the throughput rows),
 * {@code bench.warmup} (500: a ping-pong and a fan-out of this size first, not reported),
 * {@code bench.host-writes} (1000 injections timed one by one; 0 skips them).
 */
public final class KernelBenchmark {

	private KernelBenchmark() {
	}

	record Row(String engine, String workload, int n, long cranks, long deliveries, double seconds,
			List<Long> crankNanos, List<Long> kernelNanos, long kernelTotal, long wallTotal, long snapshotWall,
			long statements, long rows, long bytes, long heapAfterGc, long peakWorkerRss, long activityHashTotal,
			long roundTrips) {

		String format() {
			return String.format("| %s | %s | %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.0f%% | %.0f%% | %.2f%% | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f |",
					this.engine, this.workload, this.n, this.cranks / this.seconds, this.deliveries / this.seconds,
					ms(percentile(this.crankNanos, 50)), ms(percentile(this.crankNanos, 99)),
					ms(percentile(this.kernelNanos, 50)), 100.0 * this.kernelTotal / this.wallTotal,
					100.0 * this.snapshotWall / this.wallTotal, 100.0 * this.activityHashTotal / this.wallTotal,
					(double) this.statements / this.cranks, (double) this.roundTrips / this.cranks,
					(double) this.rows / this.cranks, (double) this.bytes / this.cranks, this.heapAfterGc / 1048576.0,
					this.peakWorkerRss / 1024.0);
		}

	}

	public static void main(String[] args) throws Exception {
		List<Integer> ns = List.of(System.getProperty("bench.n", "1000,5000").split(",")).stream()
			.map(Integer::parseInt)
			.toList();
		List<String> engines = new ArrayList<>(List.of(System.getProperty("bench.engines", "h2,postgres").split(",")));
		engines.remove("none");
		if (System.getenv(TestDatabase.SERVER_ENV) == null && engines.remove("postgres")) {
			System.out.println("(no " + TestDatabase.SERVER_ENV + ": PostgreSQL rows skipped)");
		}
		System.out.printf("machine: %d cores, %.0f GiB, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
				totalMemoryGiB(), System.getProperty("java.version"), LocalDate.now());

		List<Row> rows = new ArrayList<>();
		Path config = TestConfigs.write("driver", TestConfigs.vats("driver", "bench-driver", "pong", "bench-pong"),
				"\"snapshotInterval\": " + Integer.getInteger("bench.snapshot-interval", 200));
		for (String engine : engines) {
			String url = url(engine);
			try (TestKernel kernel = TestKernel.startWith(new Class<?>[] { DbWriteCounter.class }, config,
					"spring.datasource.url=" + url)) {
				kernel.awaitIdle();
				// Warm-up (not reported): JIT, connection pool, the vats' first snapshots.
				int warmup = Integer.getInteger("bench.warmup", 500);
				if (warmup > 0) {
					measure(kernel, engine + " (warm-up)", "pingPong", warmup);
					measure(kernel, engine + " (warm-up)", "fanOut", warmup);
				}
				for (int n : ns) {
					for (String mode : List.of("pingPong", "fanOut")) {
						DbWriteCounter.BY_SQL.clear();
						rows.add(measure(kernel, engine, mode, n));
						if (Boolean.getBoolean("bench.sql")) {
							printStatements();
						}
					}
				}
				hostWrites(kernel, engine, Integer.getInteger("bench.host-writes", 1000));
			}
			drop(engine, url);
		}
		System.out.println();
		System.out.println("| DB | workload | N | cranks/s | deliveries/s | crank p50 ms | crank p99 ms "
				+ "| kernel overhead p50 ms | overhead share | BOYD+snapshot share | activity hash share "
				+ "| SQL statements/crank | SQL round trips/crank "
				+ "| DB rows written/crank "
				+ "| DB bytes written/crank | heap after GC MiB | peak worker RSS MiB |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		rows.stream().filter(r -> !r.engine().contains("warm-up")).forEach(r -> System.out.println(r.format()));

		int lifecycleRuns = Integer.getInteger("bench.lifecycle-runs", 5);
		if (lifecycleRuns > 0) {
			System.out.println();
			VatLifecycleBenchmark.main(new String[] { Integer.toString(lifecycleRuns) });
		}

		int scaleRounds = Integer.getInteger("bench.scale-rounds", 1);
		if (scaleRounds > 0) {
			scale(Integer.getInteger("bench.scale-vats", 1000), Integer.getInteger("bench.scale-workers", 20),
					scaleRounds);
		}
	}

	/** What the run sent, most frequent first ({@code -Dbench.sql=true}): where round trips go. */
	private static void printStatements() {
		Map<String, Long> bySql = new HashMap<>();
		DbWriteCounter.BY_SQL.forEach((sql, count) -> bySql.merge(sql.replaceAll("\\s+", " "), count.get(), Long::sum));
		bySql.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
			.limit(40)
			.forEach(e -> System.out.printf("%8d %s%n", e.getValue(), e.getKey()));
	}

	static String url(String engine) throws IOException {
		if (engine.equals("postgres")) {
			return TestDatabase.freshPostgres();
		}
		Path db = Files.createTempDirectory("kernel-bench").resolve("kernel");
		// The URL an operator would write: no WRITE_DELAY in it (the kernel makes H2 write each
		// commit before it returns, H2CommitDurability).
		return "jdbc:h2:file:" + db + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
				+ System.getProperty("bench.h2-options", "");
	}

	/**
	 * Deletes a run's database (≈ 1 GB with the snapshots it kept): left behind, it fills the
	 * disk, and on PostgreSQL its vacuum runs beside the next run.
	 */
	static void drop(String engine, String url) throws IOException {
		if (engine.equals("postgres")) {
			TestDatabase.dropPostgres(url);
			return;
		}
		Path dir = Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';'))).getParent();
		try (var files = Files.walk(dir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/**
	 * The cost of a host write: {@code n} injections ({@code queueToVatRoot}, each its own committed
	 * transaction, as a REST 202) into a paused kernel, timed one by one; then the kernel drains them.
	 */
	private static void hostWrites(TestKernel kernel, String engine, int n) {
		if (n <= 0) {
			return;
		}
		KernelService service = kernel.kernel();
		service.pause();
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long start = System.nanoTime();
			service.queueToVatRoot(VatId.of("v6"), "pong", List.of(JsonNodeFactory.instance.numberNode(i)));
			nanos.add(System.nanoTime() - start);
		}
		service.run();
		kernel.awaitIdle();
		System.out.printf("host writes (%s): %d injections, p50 %.2f ms, p99 %.2f ms per injection%n", engine, n,
				ms(percentile(nanos, 50)), ms(percentile(nanos, 99)));
	}

	private static Row measure(TestKernel kernel, String engine, String mode, int n) throws Exception {
		KernelService service = kernel.kernel();
		List<CrankFinished> cranks = Collections.synchronizedList(new ArrayList<>());
		RssSampler rss = new RssSampler(kernel.bean(WorkerManager.class));
		long statementsBefore = DbWriteCounter.ALL_STATEMENTS.get();
		long roundTripsBefore = DbWriteCounter.ROUND_TRIPS.get();
		long rowsBefore = DbWriteCounter.ROWS.get();
		long bytesBefore = DbWriteCounter.BYTES.get();
		long commitsBefore = DbWriteCounter.WRITING_COMMITS.get();
		long tablesBefore = DbWriteCounter.TABLES_CHANGED.get();
		long start = System.nanoTime();
		KernelRef kpid;
		try (AutoCloseable listening = kernel.bean(CrankListeners.class).add(cranks::add)) {
			rss.start();
			kpid = service.queueToVatRoot(VatId.of("v1"), mode, List.of(JsonNodeFactory.instance.numberNode(n)));
			kernel.awaitIdle();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		rss.stop();
		PromiseView result = service.promise(kpid);
		if (result.value() == null || result.value().asInt() != n) {
			throw new IllegalStateException(mode + " did not finish: " + result);
		}
		List<CrankFinished> all = List.copyOf(cranks);
		long deliveries = all.stream().filter(c -> c.kind().equals("delivered")).count();
		List<Long> wall = all.stream().map(c -> c.wallTime().toNanos()).toList();
		List<Long> kernelOnly = all.stream().map(c -> c.kernelTime().toNanos()).toList();
		long wallTotal = wall.stream().mapToLong(Long::longValue).sum();
		long kernelTotal = kernelOnly.stream().mapToLong(Long::longValue).sum();
		long snapshotWall = all.stream()
			.filter(c -> "bringOutYourDead".equals(c.deliveryType()))
			.mapToLong(c -> c.wallTime().toNanos())
			.sum();
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		Row row = new Row(engine, mode, n, all.size(), deliveries, seconds, wall, kernelOnly, kernelTotal, wallTotal,
				snapshotWall, DbWriteCounter.ALL_STATEMENTS.get() - statementsBefore,
				DbWriteCounter.ROWS.get() - rowsBefore, DbWriteCounter.BYTES.get() - bytesBefore, heap, rss.peakKiB(),
				all.stream().mapToLong(c -> c.activityHashTime().toNanos()).sum(),
				DbWriteCounter.ROUND_TRIPS.get() - roundTripsBefore);
		// The share split: snapshot cranks' kernel time is mostly the worker writing its heap and
		// restarting from it (SwingSet's cadence), not kernel code.
		long snapshotKernel = all.stream()
			.filter(c -> "bringOutYourDead".equals(c.deliveryType()))
			.mapToLong(c -> c.kernelTime().toNanos())
			.sum();
		System.out.printf("%s %s %d: kernel time of BOYD+snapshot cranks %.1f%% of all crank time; overhead share of"
				+ " the other cranks %.1f%%%n", engine, mode, n, 100.0 * snapshotKernel / wallTotal,
				100.0 * (kernelTotal - snapshotKernel) / Math.max(1, wallTotal - snapshotWall));
		// What a commit costs grows with the tables it changes (CommitFloorBenchmark): how many that is.
		System.out.printf("%s %s %d: tables changed per writing commit %.2f (%d commits)%n", engine, mode, n,
				(double) (DbWriteCounter.TABLES_CHANGED.get() - tablesBefore)
						/ Math.max(1, DbWriteCounter.WRITING_COMMITS.get() - commitsBefore),
				DbWriteCounter.WRITING_COMMITS.get() - commitsBefore);
		if (engine.equals("h2")) {
			printH2Store(kernel);
		}
		System.out.println(row.format());
		return row;
	}

	/**
	 * H2's own account of its file after a run (chunks, fill rate, cache), for judging H2 settings
	 * tried with {@code -Dbench.h2-options}. A prepared read: a plain {@code createStatement} would
	 * make the crank buffer drop every row it keeps, and the next row would start cold.
	 */
	private static void printH2Store(TestKernel kernel) throws SQLException {
		try (Connection c = kernel.bean(DataSource.class).getConnection();
				PreparedStatement s = c.prepareStatement("select setting_name, setting_value from information_schema.settings"
						+ " where setting_name in ('info.CHUNK_COUNT', 'info.FILE_SIZE', 'info.FILL_RATE',"
						+ " 'info.CHUNKS_FILL_RATE', 'info.PAGE_COUNT_LIVE', 'info.CACHE_MAX_SIZE', 'info.CACHE_HIT_RATIO',"
						+ " 'info.PAGE_SIZE', 'WRITE_DELAY')");
				ResultSet rs = s.executeQuery()) {
			StringBuilder line = new StringBuilder("H2 store:");
			while (rs.next()) {
				line.append(' ').append(rs.getString(1)).append('=').append(rs.getString(2));
			}
			System.out.println(line);
		}
	}

	/** Many vats, round-robin, with few workers online: every delivery may bring a vat online. */
	private static void scale(int vatCount, int workers, int rounds) throws Exception {
		TestConfigs.Vat counter = TestConfigs.Vat.of("durable-counter");
		Object[] nameAndVat = new Object[vatCount * 2];
		for (int i = 0; i < vatCount; i++) {
			nameAndVat[2 * i] = "c" + i;
			nameAndVat[2 * i + 1] = counter;
		}
		Path config = TestConfigs.write(null, TestConfigs.vats(nameAndVat), "");
		long setupStart = System.nanoTime();
		String url = url("h2");
		try (TestKernel kernel = TestKernel.startWith(new Class<?>[] { DbWriteCounter.class }, config,
				"spring.datasource.url=" + url, "kernel.warehouse.max-workers-online=" + workers,
				"kernel.worker.spare-workers=" + Integer.getInteger("bench.spare-workers", 2))) {

			kernel.awaitIdle();
			double setup = (System.nanoTime() - setupStart) / 1e9;
			KernelService service = kernel.kernel();
			List<VatId> vatIds = service.vats().stream().filter(v -> !v.name().equals("vatAdmin")).map(v -> v.vatId()).toList();
			List<CrankFinished> cranks = Collections.synchronizedList(new ArrayList<>());
			RssSampler rss = new RssSampler(kernel.bean(WorkerManager.class));
			long start = System.nanoTime();
			try (AutoCloseable listening = kernel.bean(CrankListeners.class).add(cranks::add)) {
				rss.start();
				for (int round = 0; round < rounds; round++) {
					for (VatId vatId : vatIds) {
						service.queueToVatRoot(vatId, "increment", List.of());
					}
				}
				kernel.awaitIdle();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			rss.stop();
			System.gc();
			long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			long deliveries = cranks.stream().filter(c -> c.kind().equals("delivered")).count();
			List<Long> wall = cranks.stream().map(c -> c.wallTime().toNanos()).toList();
			System.out.println();
			System.out.printf("scale: %d vats (created and started in %.0f s), at most %d workers online, %d rounds "
					+ "round-robin: %d cranks in %.1f s = %.1f cranks/s, %.1f deliveries/s; crank p50 %.1f ms, "
					+ "p99 %.1f ms; heap after GC %.0f MiB; peak RSS of one worker %.0f MiB, of all online %.0f MiB%n",
					vatCount, setup, workers, rounds, cranks.size(), seconds, cranks.size() / seconds,
					deliveries / seconds, ms(percentile(wall, 50)), ms(percentile(wall, 99)), heap / 1048576.0,
					rss.peakKiB() / 1024.0, rss.peakTotalKiB() / 1024.0);
		}
		drop("h2", url);
	}

	private static double totalMemoryGiB() {
		try {
			String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
			return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1048576.0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Samples the resident set of every worker process every 50 ms. */
	static final class RssSampler {

		private final WorkerManager workers;

		private final AtomicLong peak = new AtomicLong();

		private final AtomicLong peakTotal = new AtomicLong();

		private volatile boolean running;

		private Thread thread;

		RssSampler(WorkerManager workers) {
			this.workers = workers;
		}

		void start() {
			this.running = true;
			this.thread = new Thread(() -> {
				while (this.running) {
					long total = 0;
					for (WorkerInfo w : this.workers.workers()) {
						long kib = rssKiB(w.pid());
						total += kib;
						this.peak.accumulateAndGet(kib, Math::max);
					}
					this.peakTotal.accumulateAndGet(total, Math::max);
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "rss-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

		long peakKiB() {
			return this.peak.get();
		}

		long peakTotalKiB() {
			return this.peakTotal.get();
		}

		private static long rssKiB(long pid) {
			try {
				for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
					if (line.startsWith("VmRSS:")) {
						return Long.parseLong(line.replaceAll("[^0-9]", ""));
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// the worker exited between listing and reading
			}
			return 0;
		}

	}

}
