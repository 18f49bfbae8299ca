package org.vatkernel.model;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A vat's creation options as the kernel keeps them. Every vat is metered unless
 * {@code metered} is false (SwingSet leaves static vats unmetered, so one infinite loop hangs
 * its kernel). {@code reapInterval} (deliveries) and {@code reapGCKrefs} (GC krefs delivered)
 * are the vat's {@code bringOutYourDead} thresholds, null for "never". {@code computeLimit} is the
 * vat's own per-delivery limit when it has one (a vat created through vatAdmin without a meter),
 * null for the node's {@code kernel.worker.compute-limit}.
 */
public record VatOptions(boolean critical, boolean metered, boolean enableDisavow, boolean relaxDurabilityRules,
		@Nullable Integer reapInterval, @Nullable Integer reapGCKrefs, boolean useTranscript,
		@Nullable Long computeLimit) {

	public VatOptions(boolean critical, boolean metered, boolean enableDisavow, boolean relaxDurabilityRules,
			@Nullable Integer reapInterval, @Nullable Integer reapGCKrefs, boolean useTranscript) {
		this(critical, metered, enableDisavow, relaxDurabilityRules, reapInterval, reapGCKrefs, useTranscript, null);
	}

	/**
	 * Deliveries between a vat's {@code bringOutYourDead}s when the config does not say:
	 * SwingSet's production setting (its own default, 1, doubles the cranks).
	 */
	public static final int DEFAULT_REAP_INTERVAL = 1000;

	/** GC krefs delivered to a vat that also call for a {@code bringOutYourDead}: SwingSet's default. */
	public static final int DEFAULT_REAP_GC_KREFS = 20;

	public static final VatOptions DEFAULTS = new VatOptions(false, true, false, false, DEFAULT_REAP_INTERVAL,
			DEFAULT_REAP_GC_KREFS, true);

	public String toJson() {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("critical", this.critical);
		node.put("metered", this.metered);
		node.put("enableDisavow", this.enableDisavow);
		node.put("relaxDurabilityRules", this.relaxDurabilityRules);
		if (this.reapInterval == null) {
			node.put("reapInterval", "never");
		}
		else {
			node.put("reapInterval", this.reapInterval);
		}
		if (this.reapGCKrefs == null) {
			node.put("reapGCKrefs", "never");
		}
		else {
			node.put("reapGCKrefs", this.reapGCKrefs);
		}
		node.put("useTranscript", this.useTranscript);
		if (this.computeLimit != null) {
			node.put("computeLimit", this.computeLimit);
		}
		return VatProtocolJson.write(node);
	}

	public static VatOptions fromJson(String json) {
		JsonNode node = VatProtocolJson.parse(json);
		JsonNode reap = node.path("reapInterval");
		return new VatOptions(node.path("critical").asBoolean(false), node.path("metered").asBoolean(true),
				node.path("enableDisavow").asBoolean(false), node.path("relaxDurabilityRules").asBoolean(false),
				reap.isNumber() ? Integer.valueOf(reap.asInt()) : null,
				// Vats created before reapGCKrefs was recorded get the default.
				node.path("reapGCKrefs").isNumber() ? Integer.valueOf(node.path("reapGCKrefs").asInt())
						: node.path("reapGCKrefs").isString() ? null : DEFAULT_REAP_GC_KREFS,
				node.path("useTranscript").asBoolean(true),
				node.path("computeLimit").isNumber() ? Long.valueOf(node.path("computeLimit").asLong()) : null);
	}

}
