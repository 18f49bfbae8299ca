package org.vatkernel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.PromiseView;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.kernel.TestKernel;
import org.vatkernel.state.TranscriptStore;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A first kernel throughput reading (the full benchmark is issue 6): ping-pong and fan-out
 * between two real vats on an H2 file DB, committing every crank. Prints deliveries and cranks
 * per second. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.vatkernel.bench.KernelThroughputBenchmark}.
 */
public final class KernelThroughputBenchmark {

	private KernelThroughputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int n = Integer.getInteger("bench.n", 1000);
		Path config = TestConfigs.write("driver", TestConfigs.vats("driver", "bench-driver", "pong", "bench-pong"), "");
		Path db = Files.createTempDirectory("kernel-bench").resolve("kernel");
		System.out.printf("machine: %d cores, Java %s; H2 file %s (WRITE_DELAY=0); n = %d%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), db, n);
		String url = System.getProperty("bench.url", "jdbc:h2:file:" + db);
		try (TestKernel kernel = TestKernel.start(config, "spring.datasource.url=" + url
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
				"kernel.snapshot-interval=0")) {
			kernel.awaitIdle();
			for (String mode : List.of("pingPong", "fanOut")) {
				measure(kernel, mode, n);
			}
		}
	}

	private static void measure(TestKernel kernel, String mode, int n) {
		KernelService service = kernel.kernel();
		TranscriptStore transcripts = kernel.bean(TranscriptStore.class);
		long deliveriesBefore = transcripts.length("v1") + transcripts.length("v2");
		long cranksBefore = service.status().crankNumber();
		long start = System.nanoTime();
		String kpid = service.queueToVatRoot("v1", mode, List.of(JsonNodeFactory.instance.numberNode(n)));
		kernel.awaitIdle();
		double seconds = (System.nanoTime() - start) / 1e9;
		PromiseView result = service.promise(kpid);
		if (result.value() == null || result.value().asInt() != n) {
			throw new IllegalStateException(mode + " did not finish: " + result);
		}
		long deliveries = transcripts.length("v1") + transcripts.length("v2") - deliveriesBefore;
		long cranks = service.status().crankNumber() - cranksBefore;
		System.out.printf("%-9s %6d deliveries %6d cranks in %6.2f s: %6.1f deliveries/s, %6.1f cranks/s%n", mode,
				deliveries, cranks, seconds, deliveries / seconds, cranks / seconds);
	}

}
