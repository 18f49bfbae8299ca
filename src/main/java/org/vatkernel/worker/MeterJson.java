package org.vatkernel.worker;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.MeterUsage;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;

/** Parses the meter JSON that precedes {@code \x01} in a {@code .} reply. */
final class MeterJson {

	private MeterJson() {
	}

	static @Nullable MeterUsage parse(String json) {
		JsonNode node;
		try {
			node = VatProtocolJson.parse(json);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (!node.isObject() || !node.path("compute").isNumber()) {
			return null;
		}
		return new MeterUsage(node.path("compute").asLong(), node.path("allocate").asLong(),
				node.path("currentHeapCount").asLong());
	}

}
