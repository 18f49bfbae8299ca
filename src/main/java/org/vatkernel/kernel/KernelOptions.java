package org.vatkernel.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.vatkernel.kernel.config.KernelConfigException;
import org.vatkernel.model.VatOptions;
import tools.jackson.databind.JsonNode;

/**
 * The kernel options that change what a crank commits, so every node must use the same ones:
 * they are set from the SwingSet config when it is applied, kept in the kernel DB, and changed
 * only by a recorded operator call (SwingSet's {@code changeKernelOptions}). Node-local
 * settings (paths, timeouts, workers online) stay Spring properties.
 *
 * @param snapshotInitial a vat's first heap snapshot once its transcript has this many entries
 * (SwingSet's default 3); 0 leaves the first one to the interval
 * @param snapshotInterval transcript entries between a vat's heap snapshots (SwingSet's default
 * 200); each snapshot follows a {@code bringOutYourDead}, which enters the transcript. 0 turns
 * snapshots off (a vatkernel extension)
 * @param defaultReapInterval deliveries between {@code bringOutYourDead}s for vats whose
 * creation options do not say; null is {@code "never"}
 * @param defaultReapGCKrefs GC krefs delivered between {@code bringOutYourDead}s likewise
 * @param cleanupBudget c-list entries or vatstore keys that one cleanup crank of a terminated
 * vat releases per phase (a vatkernel option: SwingSet takes it from its run policy)
 */
public record KernelOptions(int snapshotInitial, int snapshotInterval, @Nullable Integer defaultReapInterval,
		@Nullable Integer defaultReapGCKrefs, int cleanupBudget) {

	public static final KernelOptions DEFAULTS = new KernelOptions(3, 200, VatOptions.DEFAULT_REAP_INTERVAL,
			VatOptions.DEFAULT_REAP_GC_KREFS, 200);

	/** The options' names, as the config, the DB and the operator call spell them. */
	public static final List<String> NAMES = List.of("snapshotInitial", "snapshotInterval", "defaultReapInterval",
			"defaultReapGCKrefs", "cleanupBudget");

	public KernelOptions {
		check(snapshotInitial >= 0, "snapshotInitial", snapshotInitial, "an integer >= 0");
		check(snapshotInterval >= 0, "snapshotInterval", snapshotInterval, "an integer >= 0");
		check(defaultReapInterval == null || defaultReapInterval > 0, "defaultReapInterval", defaultReapInterval,
				"a positive integer or \"never\"");
		check(defaultReapGCKrefs == null || defaultReapGCKrefs > 0, "defaultReapGCKrefs", defaultReapGCKrefs,
				"a positive integer or \"never\"");
		// 0 would release nothing per cleanup crank, so the cleanup would never end.
		check(cleanupBudget > 0, "cleanupBudget", cleanupBudget, "a positive integer");
	}

	/**
	 * These options with the ones {@code changes} names replaced; {@code where} prefixes errors.
	 * Absent names keep their value; an unknown name or a value of the wrong kind is refused.
	 */
	public KernelOptions with(JsonNode changes, String where) {
		if (!changes.isObject()) {
			throw new KernelConfigException(where + " must be a JSON object");
		}
		for (String name : changes.propertyNames()) {
			if (!NAMES.contains(name)) {
				throw new KernelConfigException(where + ": unknown kernel option '" + name + "' (known: " + NAMES + ")");
			}
		}
		return new KernelOptions(count(changes, "snapshotInitial", this.snapshotInitial, where),
				count(changes, "snapshotInterval", this.snapshotInterval, where),
				reapThreshold(changes, "defaultReapInterval", this.defaultReapInterval, where),
				reapThreshold(changes, "defaultReapGCKrefs", this.defaultReapGCKrefs, where),
				count(changes, "cleanupBudget", this.cleanupBudget, where));
	}

	/** How the kernel DB stores them: one setting each, reap thresholds as a number or "never". */
	public Map<String, String> toSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("snapshotInitial", Integer.toString(this.snapshotInitial));
		settings.put("snapshotInterval", Integer.toString(this.snapshotInterval));
		settings.put("defaultReapInterval", orNever(this.defaultReapInterval));
		settings.put("defaultReapGCKrefs", orNever(this.defaultReapGCKrefs));
		settings.put("cleanupBudget", Integer.toString(this.cleanupBudget));
		return settings;
	}

	/** Read back from the settings; one that a DB from an older kernel lacks has its default. */
	public static KernelOptions fromSettings(Function<String, Optional<String>> setting) {
		return new KernelOptions(
				setting.apply("snapshotInitial").map(Integer::valueOf).orElse(DEFAULTS.snapshotInitial),
				setting.apply("snapshotInterval").map(Integer::valueOf).orElse(DEFAULTS.snapshotInterval),
				reapThreshold(setting.apply("defaultReapInterval"), DEFAULTS.defaultReapInterval),
				reapThreshold(setting.apply("defaultReapGCKrefs"), DEFAULTS.defaultReapGCKrefs),
				setting.apply("cleanupBudget").map(Integer::valueOf).orElse(DEFAULTS.cleanupBudget));
	}

	private static int count(JsonNode node, String name, int fallback, String where) {
		JsonNode value = node.get(name);
		if (value == null) {
			return fallback;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new KernelConfigException(where + "." + name + " must be an integer, not " + value);
		}
		return value.asInt();
	}

	private static @Nullable Integer reapThreshold(JsonNode node, String name, @Nullable Integer fallback,
			String where) {
		JsonNode value = node.get(name);
		if (value == null) {
			return fallback;
		}
		if (value.isString() && value.stringValue().equals("never")) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new KernelConfigException(where + "." + name + " must be a positive integer or \"never\", not " + value);
		}
		return value.asInt();
	}

	private static void check(boolean ok, String name, @Nullable Object value, String expected) {
		if (!ok) {
			throw new KernelConfigException("kernel option " + name + " must be " + expected + ", not " + value);
		}
	}

	private static String orNever(@Nullable Integer value) {
		return value == null ? "never" : value.toString();
	}

	/** "never" is null, which Optional.map cannot carry: hence no map here. */
	private static @Nullable Integer reapThreshold(Optional<String> setting, @Nullable Integer fallback) {
		if (setting.isEmpty()) {
			return fallback;
		}
		return setting.get().equals("never") ? null : Integer.valueOf(setting.get());
	}

}
