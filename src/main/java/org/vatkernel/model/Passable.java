package org.vatkernel.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Smallcaps capdata as Java values, for the kernel's own devices, which read their arguments
 * and write their results the way SwingSet's devices do with @endo/marshal: {@code null},
 * {@link #UNDEFINED}, {@link Boolean}, {@link String}, {@link BigInteger} (a bigint),
 * {@link Double} or {@link Long} (a number), {@link List}, {@link Map} (a copyRecord),
 * {@link Ref} (a slot: object, promise or device node) and {@link ErrorValue}. Anything else a
 * body can hold (symbols, tagged values) is refused with an {@link IllegalArgumentException}.
 */
public final class Passable {

	/** JavaScript's {@code undefined}. */
	public static final Object UNDEFINED = new Object() {
		@Override
		public String toString() {
			return "undefined";
		}
	};

	/** A slot: a kref or vref with its interface name (null when the body gave none). */
	public record Ref(String slot, @Nullable String iface) {
	}

	/** An error as marshal passes it: its name and message. */
	public record ErrorValue(String name, String message) {
	}

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Passable() {
	}

	/** Decodes smallcaps capdata; refuses a body that is not smallcaps or holds what a device cannot read. */
	public static @Nullable Object decode(CapData data) {
		String body = data.body();
		if (!body.startsWith("#")) {
			throw new IllegalArgumentException("not a smallcaps body: " + abbreviate(body));
		}
		JsonNode node;
		try {
			node = VatProtocolJson.parse(body.substring(1));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("malformed capdata body: " + abbreviate(body));
		}
		return decodeValue(node, data.slots());
	}

	private static @Nullable Object decodeValue(JsonNode node, List<String> slots) {
		if (node.isNull()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isString()) {
			return decodeString(node.stringValue(), slots);
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>();
			node.forEach(element -> list.add(decodeValue(element, slots)));
			return list;
		}
		if (node.has("#error")) {
			JsonNode name = node.get("name");
			return new ErrorValue(name != null && name.isString() ? name.stringValue() : "Error",
					String.valueOf(decodeValue(node.get("#error"), slots)));
		}
		Map<String, Object> record = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> e : node.properties()) {
			if (e.getKey().startsWith("#")) {
				throw new IllegalArgumentException("unsupported encoding " + e.getKey());
			}
			record.put(e.getKey(), decodeValue(e.getValue(), slots));
		}
		return record;
	}

	private static Object decodeString(String s, List<String> slots) {
		if (s.isEmpty()) {
			return s;
		}
		switch (s.charAt(0)) {
			case '!':
				return s.substring(1);
			case '+':
				return new BigInteger(s.substring(1));
			case '-':
				return new BigInteger(s);
			case '#':
				return switch (s) {
					case "#undefined" -> UNDEFINED;
					case "#NaN" -> Double.NaN;
					case "#Infinity" -> Double.POSITIVE_INFINITY;
					case "#-Infinity" -> Double.NEGATIVE_INFINITY;
					default -> throw new IllegalArgumentException("unsupported encoding " + s);
				};
			case '$':
			case '&': {
				int dot = s.indexOf('.');
				int index;
				try {
					index = Integer.parseInt(dot < 0 ? s.substring(1) : s.substring(1, dot));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("bad slot reference " + s);
				}
				if (index < 0 || index >= slots.size()) {
					throw new IllegalArgumentException("slot reference " + s + " out of range");
				}
				return new Ref(slots.get(index), dot < 0 ? null : s.substring(dot + 1));
			}
			default:
				if (s.charAt(0) > '!' && s.charAt(0) <= '-') {
					throw new IllegalArgumentException("unsupported encoding " + s);
				}
				return s;
		}
	}

	/** Encodes a value as smallcaps capdata; each {@link Ref} becomes a slot (the same slot once). */
	public static CapData encode(@Nullable Object value) {
		List<String> slots = new ArrayList<>();
		JsonNode node = encodeValue(value, slots);
		return new CapData("#" + VatProtocolJson.write(node), slots);
	}

	private static JsonNode encodeValue(@Nullable Object value, List<String> slots) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value == UNDEFINED) {
			return NODES.stringNode("#undefined");
		}
		if (value instanceof Boolean b) {
			return NODES.booleanNode(b);
		}
		if (value instanceof BigInteger big) {
			return NODES.stringNode((big.signum() < 0 ? "" : "+") + big);
		}
		if (value instanceof Long || value instanceof Integer) {
			return NODES.numberNode(((Number) value).longValue());
		}
		if (value instanceof Double d) {
			if (d.isNaN()) {
				return NODES.stringNode("#NaN");
			}
			if (d.isInfinite()) {
				return NODES.stringNode(d > 0 ? "#Infinity" : "#-Infinity");
			}
			if (d == Math.rint(d) && Math.abs(d) < 1e15) {
				return NODES.numberNode(d.longValue());
			}
			return NODES.numberNode(d);
		}
		if (value instanceof String s) {
			return NODES.stringNode(!s.isEmpty() && s.charAt(0) >= '!' && s.charAt(0) <= '-' ? "!" + s : s);
		}
		if (value instanceof Ref ref) {
			int index = slots.indexOf(ref.slot());
			if (index < 0) {
				index = slots.size();
				slots.add(ref.slot());
			}
			char kind = ref.slot().startsWith("kp") || ref.slot().startsWith("p") ? '&' : '$';
			return NODES.stringNode(kind + Integer.toString(index) + (ref.iface() == null ? "" : "." + ref.iface()));
		}
		if (value instanceof ErrorValue error) {
			ObjectNode node = NODES.objectNode();
			node.put("#error", error.message());
			node.put("name", error.name());
			return node;
		}
		if (value instanceof List<?> list) {
			ArrayNode array = NODES.arrayNode();
			list.forEach(element -> array.add(encodeValue(element, slots)));
			return array;
		}
		if (value instanceof Map<?, ?> map) {
			// marshal writes a record's keys sorted
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((k, v) -> sorted.put((String) k, v));
			ObjectNode node = NODES.objectNode();
			sorted.forEach((k, v) -> node.set(k, encodeValue(v, slots)));
			return node;
		}
		throw new IllegalArgumentException("cannot pass " + value.getClass().getSimpleName());
	}

	/** Plain JSON as a passable value (strings stay strings: no smallcaps escapes apply). */
	public static @Nullable Object fromJson(JsonNode node) {
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>();
			node.forEach(element -> list.add(fromJson(element)));
			return list;
		}
		Map<String, Object> record = new LinkedHashMap<>();
		node.properties().forEach(e -> record.put(e.getKey(), fromJson(e.getValue())));
		return record;
	}

	/** A passable value that is plain data as JSON; refuses references, bigints, undefined and errors. */
	public static JsonNode toJson(@Nullable Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof Boolean b) {
			return NODES.booleanNode(b);
		}
		if (value instanceof Long || value instanceof Integer) {
			return NODES.numberNode(((Number) value).longValue());
		}
		if (value instanceof Double d) {
			return NODES.numberNode(d);
		}
		if (value instanceof String s) {
			return NODES.stringNode(s);
		}
		if (value instanceof List<?> list) {
			ArrayNode array = NODES.arrayNode();
			list.forEach(element -> array.add(toJson(element)));
			return array;
		}
		if (value instanceof Map<?, ?> map) {
			ObjectNode node = NODES.objectNode();
			map.forEach((k, v) -> node.set((String) k, toJson(v)));
			return node;
		}
		throw new IllegalArgumentException("not plain data: " + value);
	}

	private static String abbreviate(String s) {
		return s.length() > 80 ? s.substring(0, 80) + "…" : s;
	}

}
