package org.vatkernel;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vatkernel.security.SecurityProperties;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compose.yaml} checked against the application, since Docker does not run on the
 * project's machines: the PostgreSQL image, the ports, the variables each setting binds to, the
 * credentials coming from the environment, and the health checks.
 */
class ComposeFileTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[-?][^}]*)?}");

	private final Map<String, Object> compose = yaml(Path.of("compose.yaml"));

	private final Map<String, Object> postgres = map(map(this.compose, "services"), "postgres");

	private final Map<String, Object> vatkernel = map(map(this.compose, "services"), "vatkernel");

	private final Map<String, Object> env = map(this.vatkernel, "environment");

	@Test
	void postgresIsAVersionTheKernelSupports() {
		Matcher image = Pattern.compile("postgres:(\\d+)").matcher(string(this.postgres, "image"));
		assertThat(image.matches()).as("image %s", this.postgres.get("image")).isTrue();
		// The README's prerequisite: PostgreSQL 14 or newer.
		assertThat(Integer.parseInt(image.group(1))).isGreaterThanOrEqualTo(14);
		assertThat(this.postgres).containsKey("healthcheck");
	}

	@Test
	void theKernelTalksToThatDatabaseWithThePostgresProfile() {
		Map<String, Object> db = map(this.postgres, "environment");
		assertThat(string(this.env, "SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
		assertThat(Path.of("src/main/resources/application-postgres.yml")).exists();
		assertThat(string(this.env, "SPRING_DATASOURCE_URL"))
			.isEqualTo("jdbc:postgresql://postgres:5432/" + string(db, "POSTGRES_DB"));
		assertThat(string(this.env, "SPRING_DATASOURCE_USERNAME")).isEqualTo(string(db, "POSTGRES_USER"));
		assertThat(string(this.env, "SPRING_DATASOURCE_PASSWORD")).isEqualTo(string(db, "POSTGRES_PASSWORD"));
		assertThat(map(map(this.vatkernel, "depends_on"), "postgres")).containsEntry("condition", "service_healthy");
	}

	@Test
	void credentialsComeFromTheEnvironmentNotTheFile() {
		Map<String, Object> db = map(this.postgres, "environment");
		for (String secret : List.of(string(db, "POSTGRES_PASSWORD"), string(this.env, "SPRING_DATASOURCE_PASSWORD"),
				string(this.env, "KERNEL_SECURITY_USERS_0_PASSWORD"))) {
			Matcher variable = VARIABLE.matcher(secret);
			assertThat(variable.matches()).as("%s is a variable", secret).isTrue();
			// Required (":?"), so that compose refuses to start without it rather than use an empty one.
			assertThat(secret).contains(":?");
		}
	}

	@Test
	void theOperatorBindsToTheSecurityUsers() {
		List<String> components = Arrays.stream(SecurityProperties.User.class.getRecordComponents())
			.map(c -> c.getName().toUpperCase(Locale.ROOT))
			.toList();
		List<String> bound = this.env.keySet()
			.stream()
			.filter(k -> k.startsWith("KERNEL_SECURITY_USERS_0_"))
			.map(k -> k.substring("KERNEL_SECURITY_USERS_0_".length()))
			.toList();
		assertThat(bound).containsExactlyInAnyOrderElementsOf(components);
		assertThat(SecurityProperties.Role.valueOf(string(this.env, "KERNEL_SECURITY_USERS_0_ROLE").toUpperCase(Locale.ROOT)))
			.isEqualTo(SecurityProperties.Role.OPERATOR);
	}

	@Test
	void theConfigIsInTheMountedDirectory() {
		String config = string(this.env, "KERNEL_CONFIG");
		String mount = ((List<?>) this.vatkernel.get("volumes")).stream()
			.map(Object::toString)
			.filter(v -> config.startsWith(v.split(":")[1] + "/"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume holds " + config));
		String[] parts = mount.split(":");
		assertThat(Path.of(parts[0]).resolve(config.substring(parts[1].length() + 1))).exists();
	}

	@Test
	void portsAndHealthCheckMatchTheApplication() throws IOException {
		String dockerfile = Files.readString(Path.of(string(this.vatkernel, "build")).resolve("Dockerfile"));
		Map<String, Object> app = yaml(Path.of("src/main/resources/application.yml"));
		// server.port is Spring's default, which the Dockerfile exposes and compose publishes.
		assertThat(app).doesNotContainKey("server");
		assertThat(dockerfile).contains("EXPOSE 8080");
		assertThat(((List<?>) this.vatkernel.get("ports")).stream().map(Object::toString).toList()).containsExactly("8080:8080");
		// The readiness group (kernel health included) is what the health check asks.
		Map<String, Object> health = map(map(app, "management"), "endpoint");
		assertThat(map(map(health, "health"), "probes")).containsEntry("enabled", true);
		List<String> test = ((List<?>) map(this.vatkernel, "healthcheck").get("test")).stream()
			.map(Object::toString)
			.toList();
		assertThat(test).contains("curl", "http://localhost:8080/actuator/health/readiness");
		assertThat(dockerfile).contains("nodejs curl");
	}

	private static Map<String, Object> yaml(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + file, ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as(key).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static String string(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as(key).isNotNull();
		return value.toString();
	}

}
