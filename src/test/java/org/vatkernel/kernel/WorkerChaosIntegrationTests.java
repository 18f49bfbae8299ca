package org.vatkernel.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.vatkernel.model.VatId;
import org.vatkernel.worker.WorkerInfo;
import org.vatkernel.worker.WorkerManager;
import org.vatkernel.worker.XsnapWorker;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers SIGKILLed at random moments, many in the middle of a delivery, under
 * {@code kernel.on-worker-death=restart}: the workload completes with the same test log, the
 * same per-vat counts and the same state hash as without faults.
 * {@code -Dchaos.messages=20000} runs a longer version.
 *
 * <p>The workload comes in rounds of {@code chaos.messages}: while fewer than
 * {@link #MIN_KILLS} kills (or no kill of a busy worker) have landed when a round drains (a fast or a loaded machine), the
 * chaos run gets another round, up to {@link #MAX_ROUNDS}; the fault-free run then gets as many
 * rounds. So the kill count no longer depends on how fast the machine runs the kernel.
 */
class WorkerChaosIntegrationTests {

	private static final int MESSAGES = Integer.getInteger("chaos.messages", 1000);

	private static final int VATS = 5;

	private static final int MIN_KILLS = 12;

	private static final int MAX_ROUNDS = 8;

	/** Five counters, c1…c5 (v5…v9, after vatAdmin and the ids kept for SwingSet's comms, vattp and timer); also the workload of {@link JvmChaosIT}. */
	static final Path CONFIG = TestConfigs.write(null,
			TestConfigs.vats("c1", TestConfigs.Vat.of("chaos-counter").parameters("{\"name\":\"c1\"}"), "c2",
					TestConfigs.Vat.of("chaos-counter").parameters("{\"name\":\"c2\"}"), "c3",
					TestConfigs.Vat.of("chaos-counter").parameters("{\"name\":\"c3\"}"), "c4",
					TestConfigs.Vat.of("chaos-counter").parameters("{\"name\":\"c4\"}"), "c5",
					TestConfigs.Vat.of("chaos-counter").parameters("{\"name\":\"c5\"}")),
			"\"snapshotInterval\": 50");

	private static final String[] SETTINGS = { "kernel.on-worker-death=restart", "kernel.restart-attempts=100",
			"kernel.restart-backoff=50ms", "kernel.warehouse.max-workers-online=5" };

	record Outcome(int rounds, List<String> testLog, List<String> counts, String stateHash, String activityHash) {
	}

	/**
	 * Runs the workload: {@code rounds} rounds, or under chaos as many as it takes for
	 * {@link #MIN_KILLS} kills to land (at most {@link #MAX_ROUNDS}).
	 */
	private static Outcome run(boolean chaos, int rounds, AtomicInteger kills, AtomicInteger midDelivery)
			throws Exception {
		try (TestKernel kernel = TestKernel.start(CONFIG, SETTINGS)) {
			kernel.awaitIdle();
			KernelService service = kernel.kernel();
			service.pause();
			AtomicBoolean done = new AtomicBoolean();
			Thread killer = new Thread(() -> killAtRandom(kernel.bean(WorkerManager.class), done, kills, midDelivery));
			int round = 0;
			// Under chaos, another round until enough kills landed and one of them hit a busy worker
			// (faster boots leave fewer busy moments to hit).
			while (round < rounds
					|| (chaos && (kills.get() < MIN_KILLS || midDelivery.get() == 0) && round < MAX_ROUNDS)) {

				// Injected while the kernel is paused, so that both runs see the same inputs at the
				// same crank boundaries (between rounds the kernel is idle).
				service.pause();
				for (int i = round * MESSAGES + 1; i <= (round + 1) * MESSAGES; i++) {
					service.queueToVatRoot(VatId.of("v" + (5 + i % VATS)), "increment",
							List.of(JsonNodeFactory.instance.numberNode(i)));
				}
				round++;
				service.run();
				if (chaos && round == 1) {
					killer.start();
				}
				awaitDrained(service);
			}
			done.set(true);
			killer.join(5000);
			kernel.awaitIdle();
			if (service.status().state() != KernelState.RUNNING) {
				service.resume();
				kernel.awaitIdle();
			}
			List<String> counts = new ArrayList<>();
			for (int v = 1; v <= VATS; v++) {
				counts.add(kernel.call("v" + (v + 4), "get"));
			}
			return new Outcome(round, service.testLog(), counts, kernel.stateHash(), service.status().activityHash());
		}
	}

	private static void awaitDrained(KernelService service) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 300_000;
		while (service.status().acceptanceQueueLength() + service.status().runQueueLength() > 0
				|| service.status().state() != KernelState.RUNNING) {
			assertThat(System.currentTimeMillis()).as("workload did not finish: %s", service.status())
				.isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void killAtRandom(WorkerManager workers, AtomicBoolean done, AtomicInteger kills,
			AtomicInteger midDelivery) {
		Random random = new Random(42);
		while (!done.get() && kills.get() < 40) {
			try {
				// About 0.7 s apart; a round that drains before enough kills landed is followed by
				// another (see the class comment).
				Thread.sleep(400 + random.nextInt(600));
			}
			catch (InterruptedException ex) {
				return;
			}
			if (done.get()) {
				return;
			}
			// Only workers that have been up a while: killing every boot would never let one finish.
			// Not longer: a worker restarts from its snapshot every 50 deliveries, which at today's
			// crank rate is well under a second.
			List<WorkerInfo> online = workers.workers()
				.stream()
				.filter(w -> w.startedAt().isBefore(java.time.Instant.now().minusMillis(250)))
				.toList();
			if (online.isEmpty()) {
				continue;
			}
			// Prefer a worker that is delivering right now, so many kills land mid-delivery.
			WorkerInfo victim = online.stream()
				.filter(w -> w.state() == XsnapWorker.State.BUSY)
				.findFirst()
				.orElse(online.get(random.nextInt(online.size())));
			boolean busy = victim.state() == XsnapWorker.State.BUSY;
			if (ProcessHandle.of(victim.pid()).map(ProcessHandle::destroyForcibly).orElse(false)) {
				kills.incrementAndGet();
				if (busy) {
					midDelivery.incrementAndGet();
				}
			}
		}
	}

	@Test
	void randomWorkerKillsChangeNothing() throws Exception {
		AtomicInteger kills = new AtomicInteger();
		AtomicInteger midDelivery = new AtomicInteger();
		Outcome chaos = run(true, 1, kills, midDelivery);
		Outcome faultFree = run(false, chaos.rounds(), new AtomicInteger(), new AtomicInteger());

		assertThat(kills.get()).as("kills (in %d rounds)", chaos.rounds()).isGreaterThanOrEqualTo(MIN_KILLS);
		assertThat(midDelivery.get()).as("kills of a busy worker").isPositive();
		int messages = chaos.rounds() * MESSAGES;
		assertThat(faultFree.counts()).containsOnly(Integer.toString(messages / VATS));
		assertThat(chaos.counts()).isEqualTo(faultFree.counts());
		assertThat(chaos.testLog()).isEqualTo(faultFree.testLog()).hasSize(messages / 100);
		assertThat(chaos.stateHash()).isEqualTo(faultFree.stateHash());
		// Rolled-back cranks left no trace in the chain: the same activity hash.
		assertThat(chaos.activityHash()).matches("[0-9a-f]{64}").isEqualTo(faultFree.activityHash());

	}

}
