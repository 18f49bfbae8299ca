package org.vatkernel.kernel;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application ({@code java -jar}, H2 file DB) is killed with SIGKILL at random
 * moments while it works through a workload, and started again each time: it ends with the
 * same state hash and test log as a run without faults, and every injection acknowledged before
 * the kills was processed exactly once. {@code -Dchaos.jvm.messages} sizes it.
 */
class JvmChaosIT {

	private static final int MESSAGES = Integer.getInteger("chaos.jvm.messages", 1200);

	private static final int VATS = 5;

	// Snapshots stored after their crank, so that a kill can also land between a commit and its
	// snapshot's store (a vat then takes the lost snapshot again on its replay).
	private static final String[] SETTINGS = { "kernel.warehouse.max-workers-online=5",
			"kernel.warehouse.snapshot-store=after-commit" };

	@TempDir
	Path dir;

	@Test
	void killingTheJvmRepeatedlyChangesNothing() throws Exception {
		Path config = WorkerChaosIntegrationTests.CONFIG;

		String faultFreeHash;
		String faultFreeActivity;
		List<String> faultFreeLog;
		// As the killed node does: the messages queued before the first crank runs (what the config
		// queues at start-up, vatAdmin's service among it, and the messages are then numbered alike).
		String[] paused = java.util.stream.Stream.concat(java.util.Arrays.stream(SETTINGS),
				java.util.stream.Stream.of("kernel.run-on-start=false")).toArray(String[]::new);
		try (TestKernel kernel = TestKernel.start(config, paused)) {
			for (int i = 1; i <= MESSAGES; i++) {
				kernel.kernel().queueToVatRoot(VatId.of("v" + (5 + i % VATS)), "increment",
						List.of(tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(i)));
			}
			kernel.kernel().run();
			kernel.awaitIdle();
			faultFreeHash = kernel.stateHash();
			faultFreeActivity = kernel.kernel().status().activityHash();
			faultFreeLog = kernel.kernel().testLog();
		}

		Path db = this.dir.resolve("kernel");
		int port = PackagedApp.freePort();
		Process app = start(config, db, port, false);
		// The kpid of every acknowledged injection, by vat.
		Map<String, List<String>> acknowledged = new TreeMap<>();
		for (int i = 1; i <= MESSAGES; i++) {
			String vat = "v" + (5 + i % VATS);
			HttpResponse<String> sent = KernelHttp.post(port, "/api/vats/" + vat + "/messages",
					"{\"method\":\"increment\",\"args\":[" + i + "]}");
			assertThat(sent.statusCode()).isEqualTo(202);
			acknowledged.computeIfAbsent(vat, v -> new ArrayList<>())
				.add(sent.body().replaceAll(".*\"kpid\":\"(kp[0-9]+)\".*", "$1"));
		}
		KernelHttp.post(port, "/api/kernel/resume", "");
		PackagedApp.Killed killed = PackagedApp.killWhileWorkIsLeft(app, port, 3, new Random(7), 1500, 2500,
				() -> start(config, db, port, true));
		app = killed.app();
		int kills = killed.kills();
		PackagedApp.awaitDrained(port, 500, "workload");
		Thread.sleep(500);
		String hash = KernelHttp.get(port, "/api/kernel/state-hash").body();
		String log = KernelHttp.get(port, "/api/test-log").body();
		String status = KernelHttp.get(port, "/api/kernel").body();
		app.destroy();
		app.waitFor();
		// Each acknowledged injection was processed exactly once: its vat's counter answered each
		// of them with a count of its own, 1 to MESSAGES / VATS (from the stopped node's DB).
		Map<String, KernelDbPromises.Settled> promises = KernelDbPromises.read(url(db));
		Map<String, Set<Long>> answers = new TreeMap<>();
		acknowledged.forEach((vat, kpids) -> {
			Set<Long> counts = new TreeSet<>();
			for (String kpid : kpids) {
				assertThat(promises.get(kpid)).as(kpid).isNotNull();
				assertThat(promises.get(kpid).state()).as(kpid).isEqualTo("fulfilled");
				counts.add(promises.get(kpid).value());
			}
			answers.put(vat, counts);
		});

		assertThat(kills).as("kills while work was left").isEqualTo(3);
		assertThat(hash).contains(faultFreeHash);
		// Every committed crank's writes chained in the same order as in the run without faults.
		assertThat(faultFreeActivity).matches("[0-9a-f]{64}");
		assertThat(status).contains("\"activityHash\":\"" + faultFreeActivity + "\"");

		Set<Long> oneToN = new TreeSet<>();
		for (long n = 1; n <= MESSAGES / VATS; n++) {
			oneToN.add(n);
		}
		assertThat(answers).hasSize(VATS).allSatisfy((vat, counts) -> assertThat(counts).as(vat).isEqualTo(oneToN));
		assertThat(log).isEqualTo(toJson(faultFreeLog));
	}

	private Process start(Path config, Path db, int port, boolean run) throws Exception {
		return PackagedApp.start(this.dir, config, url(db), port, run, SETTINGS);
	}

	private static String url(Path db) {
		return PackagedApp.h2(db);
	}

	private static String toJson(List<String> lines) {
		StringBuilder sb = new StringBuilder("[");
		for (int i = 0; i < lines.size(); i++) {
			sb.append(i > 0 ? "," : "").append('"').append(lines.get(i)).append('"');
		}
		return sb.append(']').toString();
	}

}
