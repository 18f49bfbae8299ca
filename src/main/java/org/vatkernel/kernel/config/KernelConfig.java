package org.vatkernel.kernel.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vatkernel.kernel.KernelOptions;
import org.vatkernel.model.VatOptions;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A SwingSet-style {@code config.json}, read and checked. Keys SwingSet's own configs use are
 * accepted, {@code x-} keys ignored, and any other key refused with an error naming it: a
 * setting the kernel would silently skip is worse than one it refuses.
 */
public record KernelConfig(@Nullable String bootstrap, boolean pinBootstrapRoot, KernelOptions options, List<VatConfig> vats,
		Map<String, String> namedBundles, Set<String> devices) {

	/**
	 * The devices vatkernel has built in (in Java): a config may name them, with any source
	 * (SwingSet's own device sources are what they replace); any other device is refused.
	 * {@code vatAdmin} is there whether the config names it or not, as in SwingSet.
	 */
	public static final Set<String> BUILT_IN_DEVICES = Set.of("vatAdmin", "timer");

	/** One static vat: its bundle, its parameters (plain JSON) and its options. */
	record VatConfig(String name, String bundleJson, JsonNode parameters, VatOptions options) {
	}

	private static final Set<String> TOP_LEVEL = Set.of("bootstrap", "defaultManagerType", "defaultReapInterval",
			"defaultReapGCKrefs", "snapshotInitial", "snapshotInterval", "cleanupBudget", "relaxDurabilityRules", "pinBootstrapRoot",
			"vats", "bundles", "devices", "includeDevDependencies", "bundleCachePath");

	private static final Set<String> VAT_KEYS = Set.of("sourceSpec", "bundleSpec", "bundle", "bundleName",
			"parameters", "creationOptions");

	private static final Set<String> CREATION_OPTIONS = Set.of("enablePipelining", "enableDisavow", "managerType",
			"reapInterval", "reapGCKrefs", "neverReap", "critical", "useTranscript", "metered", "nodeOptions");

	private static final Set<String> MANAGER_TYPES = Set.of("xsnap", "xs-worker", "local");

	/** Built-in vat names come right after the bootstrap vat in SwingSet's ordering. */
	private static final List<String> BUILT_INS = List.of("vatAdmin", "comms", "vattp", "timer");

	static KernelConfig load(Path file, VatBundler bundler) {
		JsonNode root;
		try {
			root = VatProtocolJson.parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new KernelConfigException("cannot read kernel config " + file + ": " + ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			throw new KernelConfigException("kernel config " + file + " is " + ex.getMessage());
		}
		if (!root.isObject()) {
			throw new KernelConfigException("kernel config " + file + " must be a JSON object");
		}
		Path dir = file.toAbsolutePath().getParent();
		checkKeys(root, TOP_LEVEL, "kernel config");
		bundler.prepare(sourceSpecs(root, dir));
		checkManagerType(root.get("defaultManagerType"), "defaultManagerType");
		Set<String> devices = new java.util.TreeSet<>(Set.of("vatAdmin"));
		checkKeys(root.path("devices"), null, "devices");
		root.path("devices").properties().forEach(e -> {
			if (!BUILT_IN_DEVICES.contains(e.getKey())) {
				throw new KernelConfigException("kernel config: devices." + e.getKey()
						+ " is not supported: vatkernel's devices are built in (" + String.join(", ", new java.util.TreeSet<>(BUILT_IN_DEVICES))
						+ ")");
			}
			checkKeys(e.getValue(), Set.of("sourceSpec", "bundleSpec", "bundle", "bundleName", "parameters", "creationOptions"),
					"devices." + e.getKey());
			devices.add(e.getKey());
		});
		boolean relax = root.path("relaxDurabilityRules").asBoolean(false);
		Integer defaultReap = reapInterval(root.get("defaultReapInterval"), "defaultReapInterval",
				VatOptions.DEFAULT_REAP_INTERVAL);
		Integer defaultReapGCKrefs = reapInterval(root.get("defaultReapGCKrefs"), "defaultReapGCKrefs",
				VatOptions.DEFAULT_REAP_GC_KREFS);
		// The consensus options: each one the config leaves out has SwingSet's default.
		tools.jackson.databind.node.ObjectNode given = JsonNodeFactory.instance.objectNode();
		for (String name : List.of("snapshotInitial", "snapshotInterval", "cleanupBudget")) {
			if (root.hasNonNull(name)) {
				given.set(name, root.get(name));
			}
		}
		KernelOptions options = new KernelOptions(KernelOptions.DEFAULTS.snapshotInitial(),
				KernelOptions.DEFAULTS.snapshotInterval(), defaultReap, defaultReapGCKrefs,
				KernelOptions.DEFAULTS.cleanupBudget())
			.with(given, "kernel config");

		Map<String, String> named = new LinkedHashMap<>();
		root.path("bundles").properties().forEach(e -> {
			checkKeys(e.getValue(), Set.of("sourceSpec", "bundleSpec", "bundle"), "bundles." + e.getKey());
			named.put(e.getKey(), bundleOf(e.getValue(), dir, Map.of(), bundler, "bundles." + e.getKey()));
		});

		String bootstrap = root.hasNonNull("bootstrap") ? root.get("bootstrap").asString() : null;
		Map<String, VatConfig> byName = new LinkedHashMap<>();
		root.path("vats").properties().forEach(e -> {
			String name = e.getKey();
			JsonNode vat = e.getValue();
			String where = "vats." + name;
			checkKeys(vat, VAT_KEYS, where);
			JsonNode parameters = vat.has("parameters") ? vat.get("parameters") : JsonNodeFactory.instance.objectNode();
			byName.put(name, new VatConfig(name, bundleOf(vat, dir, named, bundler, where), parameters,
					options(vat.path("creationOptions"), where + ".creationOptions", defaultReap, defaultReapGCKrefs,
							relax)));
		});
		if (bootstrap != null && !byName.containsKey(bootstrap) && !"vatAdmin".equals(bootstrap)) {
			throw new KernelConfigException("kernel config: bootstrap vat '" + bootstrap + "' is not in vats");
		}
		// vatAdmin is SwingSet's own vat, whatever a config says (as in SwingSet, which replaces it).
		byName.remove("vatAdmin");
		if ("vatAdmin".equals(bootstrap)) {
			throw new KernelConfigException("kernel config: the bootstrap vat cannot be vatAdmin");
		}
		return new KernelConfig(bootstrap, root.path("pinBootstrapRoot").asBoolean(false), options,
				order(byName, bootstrap), named, java.util.Collections.unmodifiableSet(devices));
	}

	/** Bootstrap first, then the built-ins, then the rest by name: the order vat ids are given in. */
	private static List<VatConfig> order(Map<String, VatConfig> byName, @Nullable String bootstrap) {
		List<VatConfig> ordered = new ArrayList<>();
		Map<String, VatConfig> rest = new java.util.TreeMap<>(byName);
		if (bootstrap != null) {
			ordered.add(rest.remove(bootstrap));
		}
		for (String builtIn : BUILT_INS) {
			VatConfig vat = rest.remove(builtIn);
			if (vat != null) {
				ordered.add(vat);
			}
		}
		ordered.addAll(rest.values());
		return ordered;
	}

	/** Every {@code sourceSpec} of the config's vats and bundles, resolved against its directory. */
	private static List<Path> sourceSpecs(JsonNode root, Path dir) {
		List<Path> sources = new ArrayList<>();
		for (String section : List.of("bundles", "vats")) {
			root.path(section).properties().forEach(e -> {
				JsonNode spec = e.getValue().get("sourceSpec");
				if (spec != null && spec.isString()) {
					sources.add(dir.resolve(spec.asString()));
				}
			});
		}
		return sources;
	}

	private static String bundleOf(JsonNode spec, Path dir, Map<String, String> named, VatBundler bundler,
			String where) {
		List<String> sources = new ArrayList<>();
		for (String key : List.of("sourceSpec", "bundleSpec", "bundle", "bundleName")) {
			if (spec.has(key)) {
				sources.add(key);
			}
		}
		if (sources.size() != 1) {
			throw new KernelConfigException(
					"kernel config: " + where + " needs exactly one of sourceSpec, bundleSpec, bundle, bundleName; has " + sources);
		}
		String json = switch (sources.get(0)) {
			case "sourceSpec" -> bundler.bundleSource(dir.resolve(spec.get("sourceSpec").asString()));
			case "bundleSpec" -> readBundle(dir.resolve(spec.get("bundleSpec").asString()), where);
			case "bundle" -> VatProtocolJson.write(spec.get("bundle"));
			default -> {
				String name = spec.get("bundleName").asString();
				String bundle = named.get(name);
				if (bundle == null) {
					throw new KernelConfigException("kernel config: " + where + ".bundleName '" + name + "' is not in bundles");
				}
				yield bundle;
			}
		};
		VatBundler.bundleId(json); // refuses anything that is not an endoZipBase64 bundle
		return json;
	}

	private static String readBundle(Path path, String where) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new KernelConfigException("kernel config: " + where + ".bundleSpec " + path + " cannot be read");
		}
	}

	public static VatOptions options(JsonNode node, String where, @Nullable Integer defaultReap,
			@Nullable Integer defaultReapGCKrefs, boolean relax) {
		checkKeys(node, CREATION_OPTIONS, where);
		if (node.path("enablePipelining").asBoolean(false)) {
			throw new KernelConfigException(where + ".enablePipelining: pipelining is not supported for liveslots vats");
		}
		checkManagerType(node.get("managerType"), where + ".managerType");
		Integer reap = reapInterval(node.get("reapInterval"), where + ".reapInterval", defaultReap);
		Integer reapGCKrefs = reapInterval(node.get("reapGCKrefs"), where + ".reapGCKrefs", defaultReapGCKrefs);
		if (node.path("neverReap").asBoolean(false)) {
			reap = null;
			reapGCKrefs = null;
		}
		return new VatOptions(node.path("critical").asBoolean(false), node.path("metered").asBoolean(true),
				node.path("enableDisavow").asBoolean(false), relax, reap, reapGCKrefs,
				node.path("useTranscript").asBoolean(true));
	}

	private static @Nullable Integer reapInterval(@Nullable JsonNode node, String where, @Nullable Integer fallback) {
		if (node == null || node.isNull()) {
			return fallback;
		}
		if (node.isString() && node.stringValue().equals("never")) {
			return null;
		}
		if (node.isInt() && node.asInt() > 0) {
			return node.asInt();
		}
		throw new KernelConfigException(where + " must be a positive integer or \"never\", not " + node);
	}

	private static void checkManagerType(@Nullable JsonNode node, String where) {
		if (node != null && !MANAGER_TYPES.contains(node.asString(""))) {
			throw new KernelConfigException(where + " '" + node.asString("") + "' is not supported: every vat runs in xsnap");
		}
	}

	private static void checkKeys(JsonNode node, @Nullable Set<String> allowed, String where) {
		if (node.isMissingNode()) {
			return;
		}
		if (!node.isObject()) {
			throw new KernelConfigException(where + " must be a JSON object");
		}
		for (String key : node.propertyNames()) {
			if (allowed != null && !key.startsWith("x-") && !allowed.contains(key)) {
				throw new KernelConfigException(where + ": unsupported key '" + key + "'");
			}
		}
	}

}
