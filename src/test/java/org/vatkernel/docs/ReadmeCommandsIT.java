package org.vatkernel.docs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.testing.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command in the README's code blocks, run as written (in a shell, from the checkout, after
 * {@code package}) or, for the few this test cannot run, named with who runs them: {@code .ci/run}
 * (checked to contain them) or nobody here, with the reason. A command added to the README that
 * is in neither list fails this test, so no command can go stale unseen.
 */
class ReadmeCommandsIT {

	/** Run by {@code .ci/run} itself: the test command and the throwaway PostgreSQL server. */
	private static final Map<String, String> BY_CI = Map.of("./mvnw verify", "./mvnw -B verify",
			"export VATKERNEL_TEST_POSTGRES_URL=$(bash .ci/postgres start /tmp/vatkernel-pg)", "bash .ci/postgres start",
			"bash .ci/postgres stop /tmp/vatkernel-pg", "bash .ci/postgres stop");

	/** Not run here, and why. */
	private static final Map<String, String> NOT_RUN = Map.of(
			"VATKERNEL_DB_PASSWORD=… VATKERNEL_OPERATOR_PASSWORD='{bcrypt}$2a$10$…' docker compose up --build",
			"Docker does not run on our machines; ComposeFileTests checks compose.yaml against the settings");

	/**
	 * The production example, run with the test server in place of the reader's (when
	 * {@code .ci/run} provides one) and the README's users-from-the-environment example as its users.
	 */
	private static final String POSTGRES = "SPRING_PROFILES_ACTIVE=postgres SPRING_DATASOURCE_URL=jdbc:postgresql://db.example:5432/vatkernel SPRING_DATASOURCE_USERNAME=vatkernel SPRING_DATASOURCE_PASSWORD=… java -jar target/vatkernel-*.jar --kernel.config=/path/to/config.json";

	private static final String ENV_USERS = "KERNEL_SECURITY_USERS_0_NAME=ops KERNEL_SECURITY_USERS_0_ROLE=operator KERNEL_SECURITY_USERS_0_PASSWORD='{bcrypt}$2a$10$…'";

	private static final String RUNNER = "java -jar target/vatkernel-0.1.0-SNAPSHOT.jar run demo/config.json";

	private static final String NODE = "./mvnw spring-boot:run -Dspring-boot.run.arguments=--kernel.config=/path/to/config.json";

	/** The same goal without the argument: the node above is it, with the demo's vats and a timer. */
	private static final String NODE_DEFAULT = "./mvnw spring-boot:run";

	private static final String PASSWORD_HASH = "java -cp target/vatkernel-*.jar -Dloader.main=org.vatkernel.security.PasswordHash org.springframework.boot.loader.launch.PropertiesLauncher 'the password'";

	/** The demo's test log, as the README shows it under its curl. */
	private static final String TEST_LOG = "[\"greeter says: Hello, vatkernel!\",\"counter counted: 1, 2, 3\"]";

	/** What each operator call must answer with the node running (a fragment of its JSON). */
	private static final Map<String, String> CURLS = new LinkedHashMap<>();

	static {
		CURLS.put("curl -s -u viewer:viewer localhost:8080/api/test-log", TEST_LOG);
		CURLS.put("curl -s -u viewer:viewer localhost:8080/api/kernel", "\"state\":\"RUNNING\"");
		CURLS.put("curl -s -u viewer:viewer 'localhost:8080/api/vats?state=TERMINATED'", "\"items\":[]");
		CURLS.put("curl -s -u viewer:viewer localhost:8080/api/vats/v6", "\"name\":\"counter\"");
		CURLS.put("curl -s -u operator:operator -XPOST -H 'Content-Type: application/json' localhost:8080/api/vats/v6/messages -d '{\"method\":\"increment\",\"args\":[]}'", "\"kpid\":\"kp");
		CURLS.put("curl -s -u operator:operator -XPOST localhost:8080/api/kernel/resume", "\"state\":\"RUNNING\"");
		CURLS.put("curl -u operator:operator -H 'Content-Type: application/json' -d '{\"time\": 4102444800}' http://localhost:8080/api/kernel/timer/poll", "\"time\":4102444800");
	}

	private static final Pattern ENV = Pattern.compile("^([A-Z_][A-Z0-9_]*=('[^']*'|\\S*)\\s+)*");

	private static final Set<String> PROGRAMS = Set.of("./mvnw", "java", "curl", "bash", "export", "docker");

	@TempDir
	Path dir;

	/** The README's commands: code-block lines joined across {@code \} and stripped of comments. */
	static List<String> commands(List<String> readme) {
		List<String> commands = new ArrayList<>();
		StringBuilder current = null;
		for (String line : readme) {
			if (!line.startsWith("    ")) {
				current = null;
				continue;
			}
			String text = line.strip();
			if (current != null) {
				current.append(' ').append(text);
			}
			else {
				current = new StringBuilder(text);
			}
			if (current.toString().endsWith("\\")) {
				current.setLength(current.length() - 1);
				continue;
			}
			String command = current.toString().replaceAll("\\s+#.*$", "").replaceAll("\\s+", " ").strip();
			current = null;
			String program = ENV.matcher(command).replaceFirst("").split(" ")[0];
			if (PROGRAMS.contains(program)) {
				commands.add(command);
			}
		}
		return commands;
	}

	@Test
	void everyReadmeCommandRunsOrSaysWhoRunsIt() throws Exception {
		List<String> readme = Files.readAllLines(Path.of("README.md"));
		List<String> commands = commands(readme);
		List<String> unknown = new ArrayList<>();
		for (String command : commands) {
			if (!BY_CI.containsKey(command) && !NOT_RUN.containsKey(command) && !CURLS.containsKey(command)
					&& !List.of(RUNNER, NODE, NODE_DEFAULT, PASSWORD_HASH, POSTGRES).contains(command)) {
				unknown.add(command);
			}
		}
		assertThat(unknown).as("README commands that no test runs").isEmpty();
		assertThat(commands).as("the commands this test runs are still in the README")
			.contains(RUNNER, NODE, NODE_DEFAULT, PASSWORD_HASH, POSTGRES)
			.containsAll(CURLS.keySet());

		assertThat(readme).as("the test log the README shows under its curl").contains("    " + TEST_LOG);

		String ci = Files.readString(Path.of(".ci/run")) + Files.readString(Path.of(".ci/postgres"));
		BY_CI.forEach((command, inCi) -> assertThat(ci).as(command).contains(inCi));

		// The runner, and the output the README shows for it (all but the time).
		Shell runner = sh(RUNNER, Map.of());
		assertThat(runner.code()).as(runner.out()).isZero();
		int shown = readme.indexOf("    " + RUNNER) + 1;
		List<String> expected = new ArrayList<>();
		for (int i = shown; i < readme.size() && !readme.get(i).contains("cranks,"); i++) {
			if (readme.get(i).startsWith("    ")) {
				expected.add(readme.get(i).strip());
			}
		}
		assertThat(expected).hasSize(3);
		List<String> lines = runner.out().lines().toList();
		assertThat(lines.subList(0, 3)).isEqualTo(expected);
		assertThat(lines.get(3)).matches("[0-9]+ cranks, [0-9]+ deliveries, [0-9]+ computrons, [0-9.]+ s");

		Shell hash = sh(PASSWORD_HASH, Map.of());
		assertThat(hash.code()).as(hash.out()).isZero();
		assertThat(hash.out().strip()).matches("\\{bcrypt\\}\\$2a\\$[0-9]{2}\\$.{53}");

		runTheNodeAndTheOperatorCalls();
		runTheProductionExample(readme, hash.out().strip());
	}

	/** Joins the README's lines as {@link #commands} does, without picking: to find the users example. */
	private static String joined(List<String> readme) {
		return String.join("\n", readme).replaceAll("\\\\\n\\s*", " ").replaceAll(" +", " ");
	}

	private void runTheProductionExample(List<String> readme, String bcrypt) throws Exception {
		assertThat(joined(readme)).as("the users-from-the-environment example").contains(ENV_USERS);
		String admin = System.getenv("VATKERNEL_TEST_POSTGRES_URL");
		if (admin == null) {
			return; // H2-only run: .ci/run always has the server
		}
		String url = org.vatkernel.testdb.TestDatabase.freshPostgres().replaceAll("\\?.*$", "");
		String config = Path.of("demo/config.json").toAbsolutePath().toString();
		String command = ENV_USERS.replace("'{bcrypt}$2a$10$…'", "'" + bcrypt + "'") + " "
				+ POSTGRES.replace("jdbc:postgresql://db.example:5432/vatkernel", url)
					.replace("SPRING_DATASOURCE_PASSWORD=…", "SPRING_DATASOURCE_PASSWORD=unused-with-trust-auth")
					.replace("/path/to/config.json", config);
		Process node = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("postgres-node.log").toFile())
			.start();
		try {
			awaitDemoReady(node, "ops:the password", this.dir.resolve("postgres-node.log"));
			Shell log = sh("curl -s -u 'ops:the password' localhost:8080/api/test-log", Map.of());
			assertThat(log.out()).isEqualTo(TEST_LOG);
		}
		finally {
			stop(node);
		}
	}

	/**
	 * The node through Maven as the README says, with the demo's vats and a timer device as the
	 * config (so that the timer call has a timer), on a fresh DB (the environment's URL, so the
	 * command stays as written), then every operator call against it.
	 */
	private void runTheNodeAndTheOperatorCalls() throws Exception {
		Path config = Files.createDirectories(this.dir.resolve("node"));
		try (Stream<Path> files = Files.list(Path.of("demo"))) {
			for (Path file : files.toList()) {
				Files.copy(file, config.resolve(file.getFileName()));
			}
		}
		String json = Files.readString(config.resolve("config.json"));
		Files.writeString(config.resolve("config.json"),
				json.replaceFirst("\\{", "{\n  \"devices\": { \"timer\": {} },"));
		String command = NODE.replace("/path/to/config.json", config.resolve("config.json").toString());
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("node.log").toFile());
		builder.environment().put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + this.dir.resolve("kernel")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		Process node = builder.start();
		try {
			awaitDemoReady(node, "viewer:viewer", this.dir.resolve("node.log"));
			for (Map.Entry<String, String> call : CURLS.entrySet()) {
				Shell curl = sh(call.getKey(), Map.of());
				assertThat(curl.code()).as(call.getKey()).isZero();
				assertThat(curl.out()).as(call.getKey()).containsPattern("^[\\[{]").contains(call.getValue())
					.doesNotContain("\"status\":4").doesNotContain("\"status\":5");
			}
		}
		finally {
			stop(node);
		}
	}

	private static void stop(Process node) throws InterruptedException {
		List<ProcessHandle> descendants = node.descendants().toList();
		descendants.forEach(ProcessHandle::destroy);
		node.destroy();
		if (!node.waitFor(30, TimeUnit.SECONDS)) {
			node.destroyForcibly();
		}
		// The port is free again only when the application JVM (Maven's child) has gone too.
		for (ProcessHandle child : descendants) {
			try {
				child.onExit().get(30, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
				child.destroyForcibly();
			}
		}
	}

	private void awaitDemoReady(Process node, String user, Path log) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest status = HttpRequest.newBuilder(URI.create("http://localhost:8080/api/kernel"))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(user.getBytes()))
			.build();
		long deadline = System.currentTimeMillis() + 300_000;
		while (true) {
			assertThat(node.isAlive()).as("the node exited: %s", Files.readString(log)).isTrue();
			assertThat(System.currentTimeMillis()).as("the node did not come up").isLessThan(deadline);
			try {
				HttpResponse<String> answer = client.send(status, HttpResponse.BodyHandlers.ofString());
				// Up, and the bootstrap has answered (the demo's counter is then v6, as the README says).
				if (answer.statusCode() == 200 && answer.body().contains("\"runQueueLength\":0")
						&& answer.body().contains("\"acceptanceQueueLength\":0") && answer.body().contains("\"crankNumber\":")
						&& !answer.body().contains("\"crankNumber\":0,")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
	}

	record Shell(int code, String out) {
	}

	private static Shell sh(String command, Map<String, String> env) throws Exception {
		// Standard output only: what the README shows (curl's progress meter and logs go to stderr).
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().putAll(env);
		Commands.Result result = Commands.run(builder, Duration.ofMinutes(3));
		return new Shell(result.code(), result.out());
	}

}
