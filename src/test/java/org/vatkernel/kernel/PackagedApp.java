package org.vatkernel.kernel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vatkernel.security.TestUsers;
import org.vatkernel.worker.TestVats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application ({@code java -jar}, built by {@code package} before failsafe runs) as
 * a separate process, for the tests that kill it: start it on a port and wait until it answers,
 * and read how much work its queues still hold.
 */
final class PackagedApp {

	/** Every application process a test started: whatever is still alive when the JVM ends is killed. */
	private static final java.util.Set<Process> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

	static {
		// A test that fails between a start and its destroy would otherwise leave the application
		// (and its workers) running on the machine for the rest of the build.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(PackagedApp::kill)));
	}

	private PackagedApp() {
	}

	/** Registers a started application process to be killed, with its descendants, when the JVM ends. */
	static Process track(Process process) {
		STARTED.removeIf(p -> !p.isAlive());
		STARTED.add(process);
		return process;
	}

	private static void kill(Process process) {
		if (process.isAlive()) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
	}

	/**
	 * Starts the jar with the config on the DB, the runtime the build made and the test users,
	 * plus {@code settings} (without their {@code --}); its output goes to a file in {@code dir}.
	 */
	static Process start(Path dir, Path config, String url, int port, boolean run, String... settings) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", System.getProperty("vatkernel.jar"), "--server.port=" + port, "--spring.datasource.url=" + url,
				"--kernel.config=" + config, "--kernel.run-on-start=" + run,
				"--kernel.worker.runtime-dir=" + TestVats.RUNTIME.toAbsolutePath()));
		for (String setting : settings) {
			command.add("--" + setting);
		}
		command.addAll(List.of(TestUsers.asArguments()));
		Path log = Files.createTempFile(dir, "app", ".log");
		Process app = track(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
		long deadline = System.currentTimeMillis() + 120_000;
		while (true) {
			try {
				if (KernelHttp.get(port, "/api/kernel").statusCode() == 200) {
					return app;
				}
			}
			catch (RuntimeException ex) {
				// not up yet
			}
			assertThat(app.isAlive()).as("application exited: %s", Files.readString(log)).isTrue();
			assertThat(System.currentTimeMillis()).as("application did not start").isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	/** Starts the application again (after a kill), on the same DB and port. */
	interface Restart {

		Process start() throws Exception;

	}

	/** The application running after {@link #killWhileWorkIsLeft}, and how many kills landed. */
	record Killed(Process app, int kills) {
	}

	/**
	 * SIGKILLs the application after a random pause ({@code minMillis} plus up to
	 * {@code spreadMillis}) while its queues still hold work, and starts it again, until
	 * {@code kills} kills have landed or the work is done.
	 */
	static Killed killWhileWorkIsLeft(Process app, int port, int kills, Random random, int minMillis, int spreadMillis,
			Restart restart) throws Exception {
		Process running = app;
		int landed = 0;
		while (landed < kills) {
			Thread.sleep(minMillis + random.nextInt(spreadMillis));
			if (queued(port) == 0) {
				break;
			}
			running.destroyForcibly().waitFor();
			landed++;
			running = restart.start();
		}
		return new Killed(running, landed);
	}

	/** Waits until the queues are empty, polling every {@code pollMillis}; fails after five minutes. */
	static void awaitDrained(int port, long pollMillis, String what) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 300_000;
		while (queued(port) > 0) {
			assertThat(System.currentTimeMillis()).as(what + " did not finish").isLessThan(deadline);
			Thread.sleep(pollMillis);
		}
	}

	/** Items on the acceptance and run queues of a running kernel. */
	static long queued(int port) {
		String status = KernelHttp.get(port, "/api/kernel").body();
		assertThat(status).contains("\"state\":\"RUNNING\"");
		long acceptance = Long.parseLong(status.replaceAll(".*\"acceptanceQueueLength\":([0-9]+).*", "$1"));
		long run = Long.parseLong(status.replaceAll(".*\"runQueueLength\":([0-9]+).*", "$1"));
		return acceptance + run;
	}

	/** A plain H2 file URL (no WRITE_DELAY: the kernel makes H2 write each commit itself). */
	static String h2(Path db) {
		return "jdbc:h2:file:" + db + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
