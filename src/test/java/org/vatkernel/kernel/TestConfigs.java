package org.vatkernel.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.vatkernel.testdb.TestDatabase;
import org.vatkernel.worker.TestVats;

/** Writes SwingSet-style configs that use the test bundles, and wires a kernel test to one. */
public final class TestConfigs {

	private TestConfigs() {
	}

	/** A vat entry: its bundle (from src/test/vats) and raw JSON for parameters and creationOptions. */
	public record Vat(String bundle, String parameters, String creationOptions) {

		public static Vat of(String bundle) {
			return new Vat(bundle, "{}", "{}");
		}

		public Vat options(String json) {
			return new Vat(this.bundle, this.parameters, json);
		}

		public Vat parameters(String json) {
			return new Vat(this.bundle, json, this.creationOptions);
		}

	}

	public static Map<String, Vat> vats(Object... nameAndVat) {
		Map<String, Vat> vats = new LinkedHashMap<>();
		for (int i = 0; i < nameAndVat.length; i += 2) {
			Object v = nameAndVat[i + 1];
			vats.put((String) nameAndVat[i], v instanceof Vat vat ? vat : Vat.of((String) v));
		}
		return vats;
	}

	/** Writes config.json into a fresh temp directory and returns its path. */
	public static Path write(String bootstrap, Map<String, Vat> vats, String extraTopLevel) {
		StringBuilder json = new StringBuilder("{\n");
		if (bootstrap != null) {
			json.append("  \"bootstrap\": \"").append(bootstrap).append("\",\n");
			// As SwingSet tests do (pinVatRoot): the host talks to vats after bootstrap, so the
			// bootstrap root (which holds the other roots) must not be collected.
			if (!extraTopLevel.contains("pinBootstrapRoot")) {
				json.append("  \"pinBootstrapRoot\": true,\n");
			}
		}
		if (!extraTopLevel.isEmpty()) {
			json.append("  ").append(extraTopLevel).append(",\n");
		}
		json.append("  \"vats\": {\n");
		int i = 0;
		for (Map.Entry<String, Vat> e : vats.entrySet()) {
			Path bundle = TestVats.BUNDLES.resolve(e.getValue().bundle() + ".bundle").toAbsolutePath();
			json.append("    \"").append(e.getKey()).append("\": { \"bundleSpec\": \"").append(bundle)
				.append("\", \"parameters\": ").append(e.getValue().parameters())
				.append(", \"creationOptions\": ").append(e.getValue().creationOptions()).append(" }")
				.append(++i < vats.size() ? ",\n" : "\n");
		}
		json.append("  }\n}\n");
		try {
			Path dir = Files.createTempDirectory("kernel-config");
			return Files.writeString(dir.resolve("config.json"), json.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A copy of {@code config} with consensus kernel options set, e.g.
	 * {@code withOptions(CONFIG, "{\"snapshotInterval\": 0}")}: they belong to the config (and
	 * the kernel DB), not to Spring properties.
	 */
	/** A config {@code bundles} entry: {@code name} from the test bundle built from {@code src/test/vats/<source>.js}. */
	public static String bundleEntry(String name, String source) {
		return "\"" + name + "\": { \"bundleSpec\": \"" + TestVats.BUNDLES.resolve(source + ".bundle").toAbsolutePath() + "\" }";
	}

	public static Path withOptions(Path config, String optionsJson) {
		try {
			tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode) org.vatkernel.model.VatProtocolJson
				.parse(Files.readString(config));
			org.vatkernel.model.VatProtocolJson.parse(optionsJson).properties().forEach(e -> root.set(e.getKey(), e.getValue()));
			Path dir = Files.createTempDirectory("kernel-config");
			return Files.writeString(dir.resolve("config.json"), org.vatkernel.model.VatProtocolJson.write(root));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Points a Spring test at a fresh DB ({@link TestDatabase}) and the config. */
	public static void register(DynamicPropertyRegistry registry, Path config) {
		TestDatabase.register(registry);
		registry.add("kernel.config", config::toString);
	}

	public static void awaitHalted(KernelService kernel) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (kernel.status().state() != KernelState.HALTED) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("kernel never halted");
			}
			Thread.sleep(20);
		}
	}

	public static void awaitIdle(KernelRunner runner) {
		try {
			if (!runner.awaitIdle(120, TimeUnit.SECONDS)) {
				throw new AssertionError("kernel did not become idle");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
