package org.vatkernel.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, each on an empty DB, each with its own copy of the same config and vat sources
 * ({@code sourceSpec}, bundled at start-up) in a directory of its own, and node-local settings that
 * must not matter set differently (workers online, delivery watchdog, slog, and in the postgres
 * run PostgreSQL against H2): after the same workload they hold the same state, hash for hash.
 */
class TwoNodesIntegrationTests {

	private static final int MESSAGES = 300;

	record Node(String stateHash, java.util.Map<String, String> parts, long crankNumber, List<String> testLog,
			List<String> bundleIds, String activityHash, List<String> activityHashes) {
	}

	@Test
	void sameConfigOnTwoNodesGivesTheSameState(@TempDir Path dirA, @TempDir Path dirB) throws Exception {
		// Node A: this run's engine (PostgreSQL in the postgres run), kernel defaults.
		Node a = run(writeConfig(dirA.resolve("node-a")), "spring.datasource.url=" + TestDatabase.freshUrl());
		// Node B: always H2, one worker online (every switch evicts and restores), no watchdog, no
		// spare workers and no boot snapshot (every boot evaluates lockdown and the supervisor),
		// snapshots stored inside their crank (node A stores them after it, the default), slog on.
		Node b = run(writeConfig(dirB.resolve("elsewhere/node-b")), "spring.datasource.url=" + TestDatabase.freshH2(),
				"kernel.warehouse.max-workers-online=1", "kernel.worker.delivery-timeout=0", "kernel.worker.spare-workers=0",
				"kernel.worker.boot-snapshot=false", "kernel.warehouse.snapshot-store=in-crank",
				"kernel.slog.file=" + dirB.resolve("slog.jsonl"));

		assertThat(Files.size(dirB.resolve("slog.jsonl"))).as("node B's slog").isPositive();
		assertThat(b.bundleIds()).isEqualTo(a.bundleIds()).hasSize(3); // and vatAdmin
		assertThat(b.testLog()).isEqualTo(a.testLog()).hasSize(MESSAGES + MESSAGES / 100);
		assertThat(b.crankNumber()).isEqualTo(a.crankNumber());
		assertThat(b.parts()).as("state hash by table").isEqualTo(a.parts());
		assertThat(b.stateHash()).isEqualTo(a.stateHash());
		// SwingSet's consensus check: the same activity hash after every crank of the workload (and
		// so the same chain over start-up and every host write before it).
		assertThat(b.activityHashes()).as("activity hash after each crank").hasSizeGreaterThan(2 * MESSAGES)
			.allMatch(crank -> crank.matches("[0-9]+ [0-9a-f]{64}"))
			.isEqualTo(a.activityHashes());
		assertThat(b.activityHash()).matches("[0-9a-f]{64}").isEqualTo(a.activityHash());
	}

	/** The same config and sources, written into a directory of the node's own. */
	private static Path writeConfig(Path dir) throws IOException {
		Files.createDirectories(dir);
		Files.copy(Path.of("src/test/vats/chaos-counter.js"), dir.resolve("chaos-counter.js"));
		Files.copy(Path.of("src/test/vats/tally.js"), dir.resolve("tally.js"));
		return Files.writeString(dir.resolve("config.json"), """
				{
				  "vats": {
				    "counter": { "sourceSpec": "chaos-counter.js", "parameters": { "name": "counter" } },
				    "tally": { "sourceSpec": "tally.js", "parameters": { "name": "tally" } }
				  }
				}
				""");
	}

	private static Node run(Path config, String... settings) throws Exception {
		try (TestKernel node = TestKernel.start(config, settings)) {
			node.awaitIdle();
			KernelService kernel = node.kernel();
			List<String> activityHashes = new java.util.concurrent.CopyOnWriteArrayList<>();
			AutoCloseable listener = node.bean(CrankListeners.class)
				.add(crank -> activityHashes.add(crank.crankNumber() + " " + crank.activityHash()));
			// Host inputs between cranks, as a chain gives them between blocks: the kernel is paused
			// while a batch is injected (injections racing cranks would be different inputs). One
			// vat per batch: with one worker online, each switch is a restore.
			for (int batch = 0; batch < MESSAGES / 100; batch++) {
				for (String[] vat : new String[][] { { "v5", "increment" }, { "v6", "record" } }) {
					kernel.pause();
					for (int i = batch * 100 + 1; i <= batch * 100 + 100; i++) {
						kernel.queueToVatRoot(VatId.of(vat[0]), vat[1], List.of(JsonNodeFactory.instance.numberNode(i)));
					}
					kernel.run();
					node.awaitIdle();
				}
			}
			node.awaitIdle();
			assertThat(node.call("v5", "get")).isEqualTo(Integer.toString(MESSAGES));
			assertThat(node.call("v6", "count")).isEqualTo(Integer.toString(MESSAGES));
			List<String> bundles = kernel.vats().stream().map(v -> v.bundleId()).toList();
			List<String> log = kernel.testLog();
			listener.close();
			return new Node(node.stateHash(), node.bean(org.vatkernel.state.StateHashStore.class).partHashes(),
					kernel.status().crankNumber(), log, bundles, kernel.status().activityHash(), activityHashes);

		}
	}

}
