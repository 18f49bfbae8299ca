package org.vatkernel.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.testing.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar alone, copied into an empty directory and run from there with a clean
 * environment (no checkout, no {@code target/}, only {@code PATH} for Node and a cache of its
 * own): it unpacks the worker runtime it carries into the user's cache, runs the demo config to
 * its bootstrap result and exits 0; the second run reuses the cache; a cache that cannot be
 * written ends the start with one line naming the setting (runner) or a failure report (node), as
 * does a port in use.
 */
class SelfContainedJarIT {

	record Result(int code, String out) {
	}

	@TempDir
	Path dir;

	@Test
	void theJarAloneRunsTheDemoFromAnyDirectory() throws Exception {
		Path jar = Files.copy(Path.of(System.getProperty("vatkernel.jar")), this.dir.resolve("vatkernel.jar"));
		Path demo = Files.createDirectories(this.dir.resolve("my-vats"));
		try (Stream<Path> files = Files.list(Path.of("demo"))) {
			for (Path file : files.toList()) {
				Files.copy(file, demo.resolve(file.getFileName()));
			}
		}
		Path home = Files.createDirectories(this.dir.resolve("home"));

		Result first = java(home, "-jar", jar.toString(), "run", "my-vats/config.json");
		assertThat(first.code()).as(first.out()).isZero();
		assertThat(first.out()).contains("greeter says: Hello, vatkernel!", "counter counted: 1, 2, 3",
				"bootstrap fulfilled: \"demo ready\"");
		Path cache = home.resolve(".cache/vatkernel");
		List<Path> runtimes;
		try (Stream<Path> entries = Files.list(cache)) {
			runtimes = entries.toList();
		}
		assertThat(runtimes).singleElement().satisfies(r -> {
			assertThat(r.getFileName().toString()).matches("runtime-[0-9a-f]{16}");
			assertThat(r.resolve(".vatkernel-runtime")).isRegularFile();
		});
		long unpackedAt = Files.getLastModifiedTime(runtimes.get(0).resolve(".vatkernel-runtime")).toMillis();

		Result second = java(home, "-jar", jar.toString(), "run", "my-vats/config.json", "--crank-limit", "2");
		assertThat(second.out()).contains("stopped: crank limit 2 reached");
		assertThat(Files.getLastModifiedTime(runtimes.get(0).resolve(".vatkernel-runtime")).toMillis())
			.as("the cached runtime is reused").isEqualTo(unpackedAt);

		// A cache directory under a plain file cannot be created, not even by root.
		Path blocked = Files.writeString(this.dir.resolve("a-file"), "");
		String badCache = "--kernel.worker.cache-dir=" + blocked.resolve("cache");
		Result runner = java(home, "-jar", jar.toString(), "run", "my-vats/config.json", badCache);
		assertThat(runner.code()).as(runner.out()).isEqualTo(KernelRun.BAD_INPUT);
		assertThat(runner.out().strip().lines().toList()).hasSizeLessThanOrEqualTo(2)
			.first().asString().startsWith("vatkernel run: ").contains("kernel.worker.cache-dir", "a-file");
		Result node = java(home, "-jar", jar.toString(), badCache);
		assertThat(node.code()).as(node.out()).isNotZero();
		assertThat(node.out()).contains("APPLICATION FAILED TO START", "kernel.worker.cache-dir")
			.doesNotContain("\tat ");

		// A port in use: the node says which, in Spring Boot's report, without a stack trace.
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
			List<String> args = new ArrayList<>(List.of("-jar", jar.toString(), "--server.port=" + taken.getLocalPort(),
					"--spring.datasource.url=jdbc:h2:mem:port-in-use"));
			args.addAll(List.of(org.vatkernel.security.TestUsers.asArguments()));
			Result port = java(home, args.toArray(String[]::new));
			assertThat(port.code()).as(port.out()).isNotZero();
			assertThat(port.out()).contains("APPLICATION FAILED TO START",
					"Port " + taken.getLocalPort() + " was already in use").doesNotContain("\tat ");
		}
	}

	private Result java(Path home, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile()).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		String path = env.get("PATH");
		env.clear();
		env.put("PATH", path);
		env.put("HOME", home.toString());
		// The JVM takes user.home from the password database, not from HOME: name the cache root.
		env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
		Commands.Result result = Commands.run(builder, Duration.ofMinutes(5));
		return new Result(result.code(), result.out());
	}

}
