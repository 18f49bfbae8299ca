package org.vatkernel.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.VatKernelApplication;
import org.vatkernel.kernel.TestConfigs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-shot runner with real vats on real workers, in this JVM (what {@code java -jar
 * vatkernel.jar run} calls): each exit code, the test log as it happens, the limits and the slog.
 */
class KernelRunIntegrationTests {

	record Run(int code, String out, String err) {
	}

	private static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = KernelRun.run(VatKernelApplication.class, List.of(args),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void theDemoPrintsItsTestLogAndResultAndExits0(@TempDir Path dir) throws IOException {
		Path slog = dir.resolve("run.slog");
		Run run = run("demo/config.json", "--slog", slog.toString());
		assertThat(run.code()).as(run.err()).isZero();
		assertThat(run.out().lines().toList()).startsWith("greeter says: Hello, vatkernel!", "counter counted: 1, 2, 3",
				"bootstrap fulfilled: \"demo ready\"");
		assertThat(run.out().lines().toList().get(3)).matches("[0-9]+ cranks, [0-9]+ deliveries, [0-9]+ computrons, [0-9.]+ s");
		assertThat(run.err()).isEmpty();
		assertThat(Files.readString(slog)).contains("\"type\":\"crank-start\"");
	}

	@Test
	void aRejectedBootstrapExits1WithTheRejection() {
		Path config = TestConfigs.write("boot", TestConfigs.vats("boot", "boot-throws"), "");
		Run run = run(config.toString());
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(KernelRun.NOT_FULFILLED);
		assertThat(run.out()).contains("bootstrap rejected: bootstrap refuses");
	}

	@Test
	void aWorkerKilledMidDeliveryHaltsTheKernelAndExits2NamingTheVat() {
		// The watchdog SIGKILLs the unmetered spinner's worker: an unknown death, which halts.
		Path config = TestConfigs.write("boot", TestConfigs.vats("boot", "boot-spin", "spinner",
				TestConfigs.Vat.of("worker-test-vat").options("{\"metered\": false}")), "");
		Run run = run(config.toString(), "--kernel.worker.delivery-timeout=1s");
		assertThat(run.code()).as(run.out() + run.err()).isEqualTo(KernelRun.HALTED);
		assertThat(run.out()).contains("bootstrap fulfilled: \"sent\"");
		assertThat(run.err()).startsWith("vatkernel run: kernel halted at crank ").contains("vat v6", "SIGKILL");
	}

	@Test
	void limitsStopTheRunWithWorkLeft() {
		Path config = TestConfigs.write("boot", TestConfigs.vats("boot", "boot-throws"), "");
		Run cranks = run(config.toString(), "--crank-limit", "2");
		assertThat(cranks.out()).contains("stopped: crank limit 2 reached (work is left)", "bootstrap unresolved",
				"2 cranks, ");
		assertThat(cranks.code()).isEqualTo(KernelRun.NOT_FULFILLED);
		Run time = run(config.toString(), "--time-limit", "1ms");
		assertThat(time.out()).contains("stopped: time limit 0.001s reached (work is left)", "0 cranks, ");
		assertThat(time.code()).isEqualTo(KernelRun.NOT_FULFILLED);
	}

	@Test
	void badInputExits3WithOneClearLine(@TempDir Path dir) throws IOException {
		List<Run> runs = new ArrayList<>();
		runs.add(run());
		runs.add(run(dir.resolve("nowhere.json").toString()));
		runs.add(run("demo/config.json", "--crank-limit", "many"));
		runs.add(run("demo/config.json", "--frobnicate"));
		Path notJson = Files.writeString(dir.resolve("not.json"), "{ vats: ");
		runs.add(run(notJson.toString()));
		Files.writeString(dir.resolve("broken.js"), "export function buildRootObject( {");
		Path broken = Files.writeString(dir.resolve("broken.json"), """
				{ "vats": { "broken": { "sourceSpec": "broken.js" } } }
				""");
		runs.add(run(broken.toString()));

		assertThat(runs).allSatisfy(r -> {
			assertThat(r.code()).as(r.err()).isEqualTo(KernelRun.BAD_INPUT);
			assertThat(r.out()).isEmpty();
			assertThat(r.err()).startsWith("vatkernel run: ").doesNotContain("\tat ").doesNotContain("Exception");
		});
		assertThat(runs.get(0).err()).contains("no config given", "usage:");
		assertThat(runs.get(1).err()).contains("nowhere.json does not exist");
		assertThat(runs.get(2).err()).contains("--crank-limit must be a whole number above 0, got 'many'");
		assertThat(runs.get(3).err()).contains("unknown option --frobnicate");
		assertThat(runs.get(4).err()).contains("not.json");
		assertThat(runs.get(5).err()).contains("broken");
	}

}
