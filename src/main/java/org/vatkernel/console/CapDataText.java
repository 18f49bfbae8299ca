package org.vatkernel.console;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import org.vatkernel.model.Passable;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Capdata as a reader would write the value in JavaScript: {@code "text"}, {@code 12n},
 * {@code undefined}, {@code [1, 2]}, {@code {a: 1}}, a reference as its slot with its interface
 * ({@code ko20 (Alleged: counter)}), an error as {@code Error: message}. What smallcaps can hold
 * and the kernel does not read (symbols, tagged values) is shown as the raw body. The result is
 * plain text; the pages escape it like any other text.
 */
final class CapDataText {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private CapDataText() {
	}

	static String of(CapData data) {
		try {
			return value(Passable.decode(data));
		}
		catch (IllegalArgumentException ex) {
			return data.body() + (data.slots().isEmpty() ? "" : " " + data.slots());
		}
	}

	/**
	 * A JSON document (a transcript entry, a queue event) written as a reader would write it,
	 * every capdata in it ({@code {body: "#…", slots: […]}}) as its value: {@code {type: "send",
	 * target: "ko24", msg: {methargs: ["greet", ["browser"]], result: "kp45"}}}.
	 */
	static String readable(JsonNode node) {
		if (isCapData(node)) {
			List<String> slots = node.get("slots").valueStream().map(JsonNode::asString).toList();
			return of(new CapData(node.get("body").asString(), slots));
		}
		if (node.isArray()) {
			return node.valueStream().map(CapDataText::readable).collect(Collectors.joining(", ", "[", "]"));
		}
		if (node.isObject()) {
			return node.properties()
				.stream()
				.map(e -> key(e.getKey()) + ": " + readable(e.getValue()))
				.collect(Collectors.joining(", ", "{", "}"));
		}
		return VatProtocolJson.write(node);
	}

	private static boolean isCapData(JsonNode node) {
		return node.isObject() && node.size() == 2 && node.path("body").isString()
				&& node.get("body").asString().startsWith("#") && node.path("slots").isArray();
	}

	private static String value(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value == Passable.UNDEFINED) {
			return "undefined";
		}
		if (value instanceof String s) {
			return VatProtocolJson.write(NODES.stringNode(s));
		}
		if (value instanceof BigInteger big) {
			return big + "n";
		}
		if (value instanceof Passable.Ref ref) {
			return ref.iface() == null ? ref.slot() : ref.slot() + " (" + ref.iface() + ")";
		}
		if (value instanceof Passable.ErrorValue error) {
			return error.name() + ": " + error.message();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(CapDataText::value).collect(Collectors.joining(", ", "[", "]"));
		}
		if (value instanceof Map<?, ?> map) {
			return map.entrySet()
				.stream()
				.map(e -> key(String.valueOf(e.getKey())) + ": " + value(e.getValue()))
				.collect(Collectors.joining(", ", "{", "}"));
		}
		if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
			return Long.toString(d.longValue());
		}
		return String.valueOf(value);
	}

	private static String key(String key) {
		return key.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? key : VatProtocolJson.write(NODES.stringNode(key));
	}

}
