package org.vatkernel.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.kernel.TestKernel;
import org.vatkernel.model.VatId;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.vat.VatWarehouse;

import static org.vatkernel.bench.Medians.median;
import static org.vatkernel.bench.Medians.ms;
import static org.vatkernel.bench.Medians.time;

/**
 * Vat lifecycle on the kernel: heap snapshot write (compressed into the DB), bringing a vat
 * online from its snapshot versus from a fresh boot plus a full transcript replay, and replay
 * speed. A durable counter that has handled 1,000 messages. Medians over several runs. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.vatkernel.bench.VatLifecycleBenchmark}.
 */
public final class VatLifecycleBenchmark {

	private VatLifecycleBenchmark() {
	}

	public static void main(String[] args) {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
		int messages = 1000;
		Path config = TestConfigs.write(null, TestConfigs.vats("counter", "durable-counter"), "\"snapshotInterval\": 0");
		List<Long> snapshotWrite = new ArrayList<>();
		List<Long> fromSnapshot = new ArrayList<>();
		List<Long> fromScratch = new ArrayList<>();
		long compressed = 0;
		long uncompressed = 0;
		try (TestKernel kernel = TestKernel.start(config)) {
			KernelService service = kernel.kernel();
			for (int i = 0; i < messages; i++) {
				service.queueToVatRoot(VatId.of("v5"), "increment", List.of());
			}
			kernel.awaitIdle();
			service.pause();
			VatWarehouse warehouse = kernel.bean(VatWarehouse.class);
			SnapshotStore snapshots = kernel.bean(SnapshotStore.class);
			TransactionTemplate tx = new TransactionTemplate(kernel.bean(PlatformTransactionManager.class));
			for (int run = 0; run < runs; run++) {
				// Fresh boot and a replay of the whole transcript (startVat + 1,000 deliveries).
				tx.executeWithoutResult(s -> snapshots.deleteVat(VatId.of("v5")));
				warehouse.stop(VatId.of("v5"));
				fromScratch.add(time(() -> warehouse.ensureOnline(VatId.of("v5"))));

				long[] sizes = new long[2];
				snapshotWrite.add(time(() -> tx.executeWithoutResult(s -> {
					SnapshotStore.SnapshotInfo info = warehouse.saveSnapshot(VatId.of("v5"));
					sizes[0] = info.compressedSize();
					sizes[1] = info.uncompressedSize();
				})));
				compressed = sizes[0];
				uncompressed = sizes[1];
				warehouse.stop(VatId.of("v5"));
				fromSnapshot.add(time(() -> warehouse.ensureOnline(VatId.of("v5"))));
			}
		}
		int replayed = messages + 1;
		System.out.printf("machine: %d cores, Linux %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
				System.getProperty("os.arch"), System.getProperty("java.version"));
		System.out.printf("runs: %d; vat: durable counter after %d messages (%d transcript entries)%n", runs, messages,
				replayed);
		System.out.printf("snapshot: %d bytes, %d bytes gzip-compressed in the DB%n", uncompressed, compressed);
		System.out.printf("snapshot write (w + gzip + DB insert + restart from it): median %.1f ms%n",
				ms(median(snapshotWrite)));
		System.out.printf("online from snapshot (DB read + gunzip + spawn -r + R, no tail): median %.1f ms%n",
				ms(median(fromSnapshot)));
		System.out.printf("online from scratch (boot + setBundle + replay of %d entries): median %.1f ms%n", replayed,
				ms(median(fromScratch)));
		System.out.printf("replay speed (upper bound, boot included): %.0f deliveries/s%n",
				replayed / (median(fromScratch) / 1e9));
	}

}
