package org.vatkernel.state;

import java.util.ArrayList;
import java.util.List;

import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A list of refs stored as a JSON array of strings. */
final class SlotsJson {

	private SlotsJson() {
	}

	static String write(List<String> slots) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		slots.forEach(array::add);
		return VatProtocolJson.write(array);
	}

	static List<String> read(String json) {
		List<String> slots = new ArrayList<>();
		for (JsonNode slot : VatProtocolJson.parse(json)) {
			slots.add(slot.stringValue());
		}
		return slots;
	}

}
