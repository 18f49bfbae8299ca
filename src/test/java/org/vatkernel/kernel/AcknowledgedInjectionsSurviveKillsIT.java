package org.vatkernel.kernel;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.security.TestUsers;
import org.vatkernel.testdb.TestDatabase;
import org.vatkernel.worker.TestVats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable, whatever the DB URL says: the packaged application on a plain H2 file
 * URL (no {@code WRITE_DELAY} in it) and on PostgreSQL, three clients injecting messages, SIGKILLed
 * right after a burst of {@code 202} answers, several times, and started again. Every acknowledged
 * kpid exists afterwards and is fulfilled exactly once (the vat logs each message id once per
 * delivery), and the vat's count is not short. The first start also shows the start-up state:
 * {@code STARTING} with health OUT_OF_SERVICE while it bundles the vat source, then RUNNING.
 * {@code -Dchaos.kills} sets the kills per engine (default 2).
 */
class AcknowledgedInjectionsSurviveKillsIT {

	private static final int KILLS = Integer.getInteger("chaos.kills", 2);

	private static final int CLIENTS = 3;

	/** Acknowledgements to wait for after each start before the kill (a burst in flight). */
	private static final int BURST = 150;

	private static final Pattern KPID = Pattern.compile("\"kpid\":\"(kp[0-9]+)\"");

	@TempDir
	Path dir;

	@Test
	void plainH2UrlKeepsEveryAcknowledgedInjection() throws Exception {
		// The URL an operator would write: H2's own default would delay writes by 500 ms.
		run("jdbc:h2:file:" + this.dir.resolve("kernel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
	}

	@Test
	void postgresKeepsEveryAcknowledgedInjection() throws Exception {
		Assumptions.assumeTrue(System.getenv(TestDatabase.SERVER_ENV) != null,
				"needs " + TestDatabase.SERVER_ENV + " (.ci/run starts a server)");
		run(TestDatabase.freshPostgres());
	}

	private void run(String url) throws Exception {
		Path config = config();
		int port = freePort();
		List<String> seen = new ArrayList<>();
		Process app = start(config, url, port, seen);
		assertThat(seen).as("states while starting").startsWith("STARTING").contains("RUNNING");

		Map<Long, String> acknowledged = new ConcurrentHashMap<>();
		for (int kill = 0; kill < KILLS; kill++) {
			AtomicBoolean stop = new AtomicBoolean();
			int before = acknowledged.size();
			List<Thread> clients = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				// Ids of their own for every client of every round.
				long base = ((long) kill * CLIENTS + c) * 1_000_000L;
				Thread client = new Thread(() -> inject(port, base, stop, acknowledged));
				client.start();
				clients.add(client);
			}
			while (acknowledged.size() - before < BURST) {
				Thread.sleep(2);
			}
			// SIGKILL while the clients are still sending: the last answers are moments old.
			app.destroyForcibly().waitFor();
			stop.set(true);
			for (Thread client : clients) {
				client.join();
			}
			app = start(config, url, port, new ArrayList<>());
		}
		awaitIdle(port);

		// One acknowledged kpid over HTTP, as an operator would look it up.
		String some = acknowledged.values().iterator().next();
		assertThat(KernelHttp.get(port, "/api/promises/" + some).body()).contains("\"state\":\"fulfilled\"");

		// Each id was delivered at most once, each acknowledged one exactly once.
		Map<Long, Integer> deliveries = new HashMap<>();
		String log = KernelHttp.get(port, "/api/test-log").body();
		Matcher m = Pattern.compile("tally got ([0-9]+)").matcher(log);
		while (m.find()) {
			deliveries.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
		}
		assertThat(deliveries.values()).as("deliveries per id").containsOnly(1);
		assertThat(deliveries.keySet()).containsAll(acknowledged.keySet());
		String count = call(port, "count");
		assertThat(Long.parseLong(count)).as("the vat's count").isEqualTo(deliveries.size())
			.isGreaterThanOrEqualTo(acknowledged.size());
		app.destroy();
		app.waitFor();

		// Every acknowledged injection exists and was fulfilled, each with a count of its own (read
		// from the stopped node's DB: one query rather than a request per kpid).
		Map<String, KernelDbPromises.Settled> promises = KernelDbPromises.read(url);
		Set<Long> values = new HashSet<>();
		for (String kpid : acknowledged.values()) {
			assertThat(promises).as("acknowledged %s", kpid).containsKey(kpid);
			assertThat(promises.get(kpid).state()).as("acknowledged %s", kpid).isEqualTo("fulfilled");
			values.add(promises.get(kpid).value());
		}
		assertThat(values).as("distinct counts of the acknowledged").hasSize(acknowledged.size()).doesNotContainNull();
	}

	/** Sends {@code record(id)} until stopped or the application is gone; notes each 202. */
	private static void inject(int port, long base, AtomicBoolean stop, Map<Long, String> acknowledged) {
		for (long id = base; !stop.get(); id++) {
			HttpResponse<String> sent;
			try {
				sent = KernelHttp.post(port, "/api/vats/v5/messages", "{\"method\":\"record\",\"args\":[" + id + "]}");
			}
			catch (RuntimeException ex) {
				return; // killed
			}
			Matcher kpid = KPID.matcher(sent.body());
			if (sent.statusCode() == 202 && kpid.find()) {
				acknowledged.put(id, kpid.group(1));
			}
		}
	}

	private static String call(int port, String method) throws InterruptedException {
		String body = KernelHttp.post(port, "/api/vats/v5/messages", "{\"method\":\"" + method + "\",\"args\":[]}").body();
		Matcher kpid = KPID.matcher(body);
		assertThat(kpid.find()).as(body).isTrue();
		for (int i = 0; i < 600; i++) {
			String promise = KernelHttp.get(port, "/api/promises/" + kpid.group(1)).body();
			if (promise.contains("\"state\":\"fulfilled\"")) {
				return promise.replaceAll(".*\"value\":([0-9]+).*", "$1");
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no answer to " + method);
	}

	private static void awaitIdle(int port) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 300_000;
		while (true) {
			String status = KernelHttp.get(port, "/api/kernel").body();
			assertThat(status).contains("\"state\":\"RUNNING\"");
			long acceptance = Long.parseLong(status.replaceAll(".*\"acceptanceQueueLength\":([0-9]+).*", "$1"));
			long run = Long.parseLong(status.replaceAll(".*\"runQueueLength\":([0-9]+).*", "$1"));
			if (acceptance + run == 0) {
				return;
			}
			assertThat(System.currentTimeMillis()).as("workload did not finish").isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	/** The tally vat as a {@code sourceSpec}: the first start bundles it (seconds of STARTING). */
	private Path config() throws IOException {
		Path configDir = Files.createDirectories(this.dir.resolve("config"));
		Files.copy(Path.of("src/test/vats/tally.js"), configDir.resolve("tally.js"));
		return Files.writeString(configDir.resolve("config.json"), """
				{ "vats": { "tally": { "sourceSpec": "tally.js", "parameters": { "name": "tally" } } } }
				""");
	}

	/**
	 * Starts the jar and waits until it runs; {@code states} gets each kernel state it answered
	 * while coming up (with health OUT_OF_SERVICE checked for STARTING).
	 */
	private Process start(Path config, String url, int port, List<String> states) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", System.getProperty("vatkernel.jar"), "--server.port=" + port, "--spring.datasource.url=" + url,
				"--kernel.config=" + config, "--kernel.worker.runtime-dir=" + TestVats.RUNTIME.toAbsolutePath()));
		command.addAll(List.of(TestUsers.asArguments()));
		Path log = Files.createTempFile(this.dir, "app", ".log");
		Process app = PackagedApp.track(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
		long deadline = System.currentTimeMillis() + 180_000;
		while (true) {
			String state = null;
			try {
				HttpResponse<String> status = KernelHttp.get(port, "/api/kernel");
				if (status.statusCode() == 200) {
					state = status.body().replaceAll(".*\"state\":\"([A-Z]+)\".*", "$1");
				}
			}
			catch (RuntimeException ex) {
				// not up yet
			}
			if (state != null) {
				if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
					states.add(state);
				}
				if (state.equals("STARTING")) {
					HttpResponse<String> health = KernelHttp.get(port, "/actuator/health");
					// Unless start-up finished between the two reads.
					if (KernelHttp.get(port, "/api/kernel").body().contains("\"state\":\"STARTING\"")) {
						assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
						assertThat(health.body()).contains("OUT_OF_SERVICE");
					}
				}
				if (state.equals("RUNNING")) {
					return app;
				}
			}
			assertThat(app.isAlive()).as("application exited: %s", Files.readString(log)).isTrue();
			assertThat(System.currentTimeMillis()).as("application did not start").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
