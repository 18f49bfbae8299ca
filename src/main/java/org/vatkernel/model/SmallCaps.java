package org.vatkernel.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part of @endo/marshal's smallcaps encoding the kernel itself writes and reads: plain JSON
 * data (for host messages, vat parameters and reading results), object references by slot, and
 * errors. Everything else in a body (bigints, symbols, undefined, tagged values, promises) is
 * left to the vats: {@link #decode} reports such a body as not plain data.
 */
public final class SmallCaps {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private SmallCaps() {
	}

	/** Encodes plain JSON data as a smallcaps body ({@code #} + JSON). */
	public static String encode(JsonNode value) {
		return "#" + VatProtocolJson.write(encodeValue(value));
	}

	/** A method call's {@code methargs}: {@code [method, args]} with no slots. */
	public static CapData methargs(String method, List<JsonNode> args) {
		ArrayNode array = NODES.arrayNode();
		args.forEach(array::add);
		return CapData.of(encode(NODES.arrayNode().add(method).add(array)));
	}

	/** {@code makeError(message)} as the kernel builds it: {@code #{"#error":…,"name":"Error"}}. */
	public static CapData error(String message) {
		ObjectNode error = NODES.objectNode();
		error.put("#error", message);
		error.put("name", "Error");
		return CapData.of("#" + VatProtocolJson.write(error));
	}

	private static JsonNode encodeValue(JsonNode value) {
		if (value.isString()) {
			return NODES.stringNode(escape(value.stringValue()));
		}
		if (value.isArray()) {
			ArrayNode array = NODES.arrayNode();
			value.forEach(v -> array.add(encodeValue(v)));
			return array;
		}
		if (value.isObject()) {
			// Records are written with their keys sorted, as marshal does.
			Map<String, JsonNode> sorted = new TreeMap<>();
			value.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
			ObjectNode object = NODES.objectNode();
			sorted.forEach((k, v) -> object.set(escape(k), encodeValue(v)));
			return object;
		}
		if (value.isNumber() && value.asDouble() == 0.0) {
			return NODES.numberNode(0); // -0 becomes 0
		}
		return value;
	}

	/** Strings starting with one of {@code !"#$%&'()*+,-} get a {@code !} prefix. */
	private static String escape(String s) {
		if (!s.isEmpty() && s.charAt(0) >= '!' && s.charAt(0) <= '-') {
			return "!" + s;
		}
		return s;
	}

	/**
	 * Decodes a body to plain JSON, or empty if it holds anything that is not plain data
	 * (references, promises, errors, bigints, undefined…).
	 */
	public static Optional<JsonNode> decode(String body) {
		if (!body.startsWith("#")) {
			return Optional.empty();
		}
		try {
			return decodeValue(VatProtocolJson.parse(body.substring(1)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The message of an error body ({@code {"#error": …}}), if it is one. */
	public static Optional<String> errorMessage(String body) {
		if (!body.startsWith("#{")) {
			return Optional.empty();
		}
		try {
			JsonNode node = VatProtocolJson.parse(body.substring(1));
			JsonNode message = node.get("#error");
			return message != null && message.isString() ? Optional.of(message.stringValue()) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static Optional<JsonNode> decodeValue(JsonNode node) {
		if (node.isString()) {
			String s = node.stringValue();
			if (s.isEmpty()) {
				return Optional.of(node);
			}
			char c = s.charAt(0);
			if (c == '!') {
				return Optional.of(NODES.stringNode(s.substring(1)));
			}
			return (c >= '!' && c <= '-') ? Optional.empty() : Optional.of(node);
		}
		if (node.isArray()) {
			ArrayNode array = NODES.arrayNode();
			for (JsonNode element : node) {
				Optional<JsonNode> decoded = decodeValue(element);
				if (decoded.isEmpty()) {
					return Optional.empty();
				}
				array.add(decoded.get());
			}
			return Optional.of(array);
		}
		if (node.isObject()) {
			ObjectNode object = NODES.objectNode();
			List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
			for (Map.Entry<String, JsonNode> e : entries) {
				String key = e.getKey();
				if (key.startsWith("#")) {
					return Optional.empty(); // #error, #tag: not plain data
				}
				Optional<JsonNode> decoded = decodeValue(e.getValue());
				if (decoded.isEmpty()) {
					return Optional.empty();
				}
				object.set(key.startsWith("!") ? key.substring(1) : key, decoded.get());
			}
			return Optional.of(object);
		}
		return Optional.of(node);
	}

}
