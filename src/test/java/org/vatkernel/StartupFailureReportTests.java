package org.vatkernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up failures an operator can mend end in Spring Boot's failure report — a description
 * naming what and where, and an action — with no stack trace: a bad config, a missing worker
 * runtime, refused credentials, an unreachable kernel DB.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

	/** Starts the application with these properties as command-line arguments (they win). */
	private static void start(String... properties) {
		String[] args = Stream.concat(Stream.of("server.port=0"), Arrays.stream(properties))
			.map(p -> "--" + p)
			.toArray(String[]::new);
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(VatKernelApplication.class).run(args).close());
	}

	/** The report, and nothing of a stack trace anywhere in the output. */
	private static void assertReport(CapturedOutput output, String description, String action) {
		String all = output.getAll();
		assertThat(all).contains("APPLICATION FAILED TO START", "Description:", description, "Action:", action);
		assertThat(all).doesNotContain("\tat ").doesNotContain("Application run failed");
	}

	@Test
	void aConfigThatIsNotJson(@TempDir Path dir, CapturedOutput output) throws IOException {
		Path config = Files.writeString(dir.resolve("config.json"), "{ \"vats\": ");
		start("spring.profiles.active=dev", "spring.datasource.url=" + TestDatabase.freshH2(),
				"kernel.config=" + config);
		assertReport(output, config.toString(), "Fix the config that kernel.config names");
	}

	@Test
	void aMissingWorkerRuntime(@TempDir Path dir, CapturedOutput output) {
		Path missing = dir.resolve("no-runtime");
		start("spring.profiles.active=dev", "spring.datasource.url=" + TestDatabase.freshH2(),
				"kernel.worker.runtime-dir=" + missing);
		assertReport(output, "The xsnap worker runtime is incomplete: " + missing, "./mvnw verify");
	}

	@Test
	void plainPasswordsOutsideTheDevProfile(CapturedOutput output) {
		start("spring.datasource.url=" + TestDatabase.freshH2(), "kernel.security.users[0].name=ops",
				"kernel.security.users[0].password={noop}hunter2", "kernel.security.users[0].role=operator");
		assertReport(output, "kernel.security.users[0].password for 'ops' is not a bcrypt hash",
				"org.vatkernel.security.PasswordHash");
	}

	@Test
	void anUnreachableKernelDb(CapturedOutput output) {
		// Port 1 on the loopback: nothing listens, so the connection is refused at once.
		start("spring.profiles.active=dev", "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/vatkernel",
				"spring.datasource.username=vatkernel", "spring.datasource.password=x");
		assertReport(output, "The kernel DB cannot be reached", "spring.datasource.url");
	}

}
