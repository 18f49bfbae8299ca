package org.vatkernel.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vat on a worker booted by evaluating lockdown and the supervisor, on one restored from the
 * boot snapshot, and on a spare (booted ahead of time) cannot be told apart: the same
 * {@code startVat} computrons, the same syscalls and results, and in the end a byte-identical
 * heap snapshot.
 */
@Timeout(120)
class SpareWorkersIntegrationTests {

	private static final VatId VAT = VatId.of("v1");

	@TempDir
	Path dir;

	record Run(List<Long> computrons, List<String> syscalls, List<String> results, String snapshotHash, long sparesTaken) {
	}

	@Test
	void aVatOnASpareOrRestoredWorkerIsTheVatOnAFreshOne() throws Exception {
		Run fresh = run(0, false, "fresh");
		Run restored = run(0, true, "restored");
		Run spare = run(1, true, "spare");

		assertThat(fresh.sparesTaken()).isZero();
		assertThat(restored.computrons()).isEqualTo(fresh.computrons());
		assertThat(restored.syscalls()).isEqualTo(fresh.syscalls());
		assertThat(restored.snapshotHash()).isEqualTo(fresh.snapshotHash());
		assertThat(spare.sparesTaken()).as("the second vat took the spare").isEqualTo(1);
		assertThat(spare.computrons().get(0)).as("startVat computrons").isPositive()
			.isEqualTo(fresh.computrons().get(0));
		assertThat(spare.computrons()).isEqualTo(fresh.computrons());
		assertThat(spare.syscalls()).isEqualTo(fresh.syscalls()).isNotEmpty();
		assertThat(spare.results()).isEqualTo(fresh.results()).contains("ok");
		assertThat(spare.snapshotHash()).isEqualTo(fresh.snapshotHash()).hasSize(64);
	}

	@Test
	void closingKillsTheSparesItBooted() throws Exception {
		WorkerManager manager = new WorkerManager(TestVats.properties().withSpareWorkers(2));
		List<ProcessHandle> before = ProcessHandle.current().children().toList();
		manager.start(VatId.of("v9"), "first", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
		long deadline = System.currentTimeMillis() + 60_000;
		// The vat's own worker and two spares.
		while (newChildren(before).size() < 3 && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
		List<ProcessHandle> started = newChildren(before);
		assertThat(started).hasSizeGreaterThanOrEqualTo(3);

		manager.destroy();

		for (ProcessHandle child : started) {
			child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(child.isAlive()).isFalse();
		}
	}

	private static List<ProcessHandle> newChildren(List<ProcessHandle> before) {
		return ProcessHandle.current().children().filter(p -> !before.contains(p)).toList();
	}

	/**
	 * Boots vat v1 on a manager keeping {@code spares} spare workers: with spares, a first vat
	 * boots its own and fills the pool, so that v1 takes a spare.
	 */
	private Run run(int spares, boolean bootSnapshot, String name) throws Exception {
		WorkerManager manager = new WorkerManager(
				TestVats.properties().withSpareWorkers(spares).withBootSnapshot(bootSnapshot));
		try {
			if (spares > 0) {
				manager.start(VatId.of("v0"), "filler", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
			}
			manager.start(VAT, "counter", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
			List<Long> computrons = new ArrayList<>();
			List<String> syscalls = new ArrayList<>();
			List<String> results = new ArrayList<>();
			TestVats.RecordingHandler handler = new TestVats.RecordingHandler();
			DeliveryReport started = manager.deliver(VAT, TestVats.startVat(), handler);
			computrons.add(started.result().meterUsage().compute());
			results.add(started.result().status());
			for (int i = 0; i < 5; i++) {
				DeliveryReport report = manager.deliver(VAT, TestVats.call("hello", "p-" + (60 + i), "m" + i), handler);
				computrons.add(report.result().meterUsage().compute());
				results.add(report.result().status());
			}
			handler.syscalls.forEach(s -> syscalls.add(s.toString()));
			HeapSnapshot snapshot = manager.snapshot(VAT, this.dir.resolve(name + ".xss"));
			return new Run(computrons, syscalls, results, snapshot.sha256(), manager.sparesTaken());
		}
		finally {
			manager.destroy();
		}
	}

}
