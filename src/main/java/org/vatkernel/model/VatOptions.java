package org.vatkernel.model;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A vat's creation options as the kernel keeps them. Every vat is metered unless
 * {@code metered} is false (SwingSet leaves static vats unmetered, so one infinite loop hangs
 * its kernel). {@code reapInterval} is null for "never".
 */
public record VatOptions(boolean critical, boolean metered, boolean enableDisavow, boolean relaxDurabilityRules,
		@Nullable Integer reapInterval, boolean useTranscript) {

	public static final VatOptions DEFAULTS = new VatOptions(false, true, false, false, 1, true);

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
		node.put("useTranscript", this.useTranscript);
		return VatProtocolJson.write(node);
	}

	public static VatOptions fromJson(String json) {
		JsonNode node = VatProtocolJson.parse(json);
		JsonNode reap = node.path("reapInterval");
		return new VatOptions(node.path("critical").asBoolean(false), node.path("metered").asBoolean(true),
				node.path("enableDisavow").asBoolean(false), node.path("relaxDurabilityRules").asBoolean(false),
				reap.isNumber() ? Integer.valueOf(reap.asInt()) : null, node.path("useTranscript").asBoolean(true));
	}

}
