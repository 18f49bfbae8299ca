package org.vatkernel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vatkernel.model.VatId;
import org.vatkernel.worker.DeliveryReport;
import org.vatkernel.worker.HeapSnapshot;
import org.vatkernel.worker.LiveSlotsOptions;
import org.vatkernel.worker.TestVats;
import org.vatkernel.worker.WorkerManager;

import static org.vatkernel.bench.Medians.median;
import static org.vatkernel.bench.Medians.ms;
import static org.vatkernel.bench.Medians.percentile;
import static org.vatkernel.bench.Medians.time;

/**
 * Worker-layer benchmark: boot (lockdown + supervisor + setBundle + startVat), a message round
 * trip, snapshot write and restore. Prints medians over several runs. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.vatkernel.bench.WorkerBenchmark}.
 */
public final class WorkerBenchmark {

	private WorkerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
		int messages = 200;
		String bundle = TestVats.bundle("worker-test-vat");
		Path dir = Files.createTempDirectory("worker-bench");
		WorkerManager manager = new WorkerManager(TestVats.properties());
		List<Long> boot = new ArrayList<>();
		List<Long> bootFromSnapshot = new ArrayList<>();
		List<Long> roundTrip = new ArrayList<>();
		List<Long> snapshotWrite = new ArrayList<>();
		List<Long> snapshotBytes = new ArrayList<>();
		List<Long> startVatComputrons = new ArrayList<>();
		try {
			for (int run = 0; run < runs; run++) {
				VatId vat = VatId.of("v" + run);
				VatId restored = VatId.of("v" + (runs + run));
				boot.add(time(() -> {
					manager.start(vat, "bench", bundle, true, LiveSlotsOptions.DEFAULTS);
					DeliveryReport r = manager.deliver(vat, TestVats.startVat(), new TestVats.RecordingHandler());
					startVatComputrons.add(r.result().meterUsage().compute());
				}));
				for (int i = 0; i < messages; i++) {
					String vpid = "p-" + (60 + i);
					roundTrip.add(time(() -> manager.deliver(vat, TestVats.call("hello", vpid, "x"),
							new TestVats.RecordingHandler())));
				}
				Path file = dir.resolve(vat + ".xss");
				HeapSnapshot[] snapshot = new HeapSnapshot[1];
				snapshotWrite.add(time(() -> snapshot[0] = manager.snapshot(vat, file)));
				snapshotBytes.add(snapshot[0].size());
				bootFromSnapshot.add(time(() -> manager.startFromSnapshot(restored, "bench", file, true)));
				manager.stop(vat);
				manager.stop(restored);
				Files.delete(file);
			}
		}
		finally {
			manager.destroy();
		}
		System.out.printf("machine: %d cores, %d MiB max heap, %s %s%n", Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"));
		System.out.printf("runs: %d (messages per run: %d)%n", runs, messages);
		System.out.printf("boot fresh (lockdown+supervisor+setBundle+startVat): median %.1f ms%n", ms(median(boot)));
		System.out.printf("startVat computrons: median %d%n", median(startVatComputrons));
		System.out.printf("message round trip (deliver + resolve syscall): median %.3f ms, p99 %.3f ms%n",
				ms(median(roundTrip)), ms(percentile(roundTrip, 99)));
		System.out.printf("snapshot write: median %.1f ms, size median %d bytes%n", ms(median(snapshotWrite)),
				median(snapshotBytes));
		System.out.printf("restore from snapshot (spawn -r + R): median %.1f ms%n", ms(median(bootFromSnapshot)));
	}

}
