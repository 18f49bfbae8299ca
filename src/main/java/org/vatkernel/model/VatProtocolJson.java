package org.vatkernel.model;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON forms of deliveries, syscalls and their results, exactly as liveslots' supervisor
 * sends and expects them (tagged arrays). Capdata bodies are carried as JSON strings whose value
 * is never touched.
 */
public final class VatProtocolJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private VatProtocolJson() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

	/** Parses JSON text, or throws {@link IllegalArgumentException} naming what was wrong. */
	public static JsonNode parse(String json) {
		try {
			return MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	public static String write(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

	// ---- deliveries -------------------------------------------------------------------

	public static ArrayNode encodeDelivery(VatDelivery delivery) {
		ArrayNode array = NODES.arrayNode().add(delivery.type());
		if (delivery instanceof VatDelivery.StartVat startVat) {
			array.add(encodeCapData(startVat.vatParameters()));
		}
		else if (delivery instanceof VatDelivery.Message message) {
			array.add(message.target()).add(encodeMessage(message.message()));
		}
		else if (delivery instanceof VatDelivery.Notify notify) {
			array.add(encodeResolutions(notify.resolutions()));
		}
		else if (delivery instanceof VatDelivery.DropExports drop) {
			array.add(strings(drop.vrefs()));
		}
		else if (delivery instanceof VatDelivery.RetireExports retire) {
			array.add(strings(retire.vrefs()));
		}
		else if (delivery instanceof VatDelivery.RetireImports retire) {
			array.add(strings(retire.vrefs()));
		}
		return array;
	}

	/** Reads a delivery back (transcripts); throws {@link IllegalArgumentException} on a bad shape. */
	public static VatDelivery decodeDelivery(JsonNode node) {
		String tag = tag(node);
		return switch (tag) {
			case "startVat" -> new VatDelivery.StartVat(capData(node.get(1)));
			case "message" -> new VatDelivery.Message(string(node.get(1)), message(node.get(2)));
			case "notify" -> new VatDelivery.Notify(resolutions(node.get(1)));
			case "dropExports" -> new VatDelivery.DropExports(stringList(node.get(1)));
			case "retireExports" -> new VatDelivery.RetireExports(stringList(node.get(1)));
			case "retireImports" -> new VatDelivery.RetireImports(stringList(node.get(1)));
			case "bringOutYourDead" -> new VatDelivery.BringOutYourDead();
			default -> throw new IllegalArgumentException("unknown delivery type " + tag);
		};
	}

	// ---- syscalls ---------------------------------------------------------------------

	/**
	 * Decodes a syscall as a vat issued it. Never throws: a shape it does not know becomes
	 * {@link VatSyscall.Unrecognized}.
	 */
	public static VatSyscall decodeSyscall(JsonNode node) {
		try {
			String tag = tag(node);
			int arity = switch (tag) {
				case "send", "exit", "vatstoreSet" -> 3;
				case "callNow" -> 4;
				default -> 2;
			};
			if (VatSyscall.knownTag(tag) == null) {
				throw new IllegalArgumentException("unknown syscall type " + tag);
			}
			if (node.size() != arity) {
				throw new IllegalArgumentException(tag + " takes " + (arity - 1) + " argument(s), not " + (node.size() - 1));
			}
			return switch (tag) {
				case "send" -> new VatSyscall.Send(string(node.get(1)), message(node.get(2)));
				case "subscribe" -> new VatSyscall.Subscribe(string(node.get(1)));
				case "resolve" -> new VatSyscall.Resolve(resolutions(node.get(1)));
				case "exit" -> new VatSyscall.Exit(bool(node.get(1)), capData(node.get(2)));
				case "vatstoreGet" -> new VatSyscall.VatstoreGet(string(node.get(1)));
				case "vatstoreGetNextKey" -> new VatSyscall.VatstoreGetNextKey(string(node.get(1)));
				case "vatstoreSet" -> new VatSyscall.VatstoreSet(string(node.get(1)), string(node.get(2)));
				case "vatstoreDelete" -> new VatSyscall.VatstoreDelete(string(node.get(1)));
				case "dropImports" -> new VatSyscall.DropImports(stringList(node.get(1)));
				case "retireImports" -> new VatSyscall.RetireImports(stringList(node.get(1)));
				case "retireExports" -> new VatSyscall.RetireExports(stringList(node.get(1)));
				case "abandonExports" -> new VatSyscall.AbandonExports(stringList(node.get(1)));
				default -> new VatSyscall.CallNow(string(node.get(1)), string(node.get(2)), capData(node.get(3)));
			};
		}
		catch (IllegalArgumentException ex) {
			return new VatSyscall.Unrecognized(write(node), ex.getMessage());
		}
	}

	public static JsonNode encodeSyscall(VatSyscall syscall) {
		if (syscall instanceof VatSyscall.Unrecognized unrecognized) {
			return parse(unrecognized.json());
		}
		ArrayNode array = NODES.arrayNode().add(syscall.type());
		if (syscall instanceof VatSyscall.Send send) {
			array.add(send.target()).add(encodeMessage(send.message()));
		}
		else if (syscall instanceof VatSyscall.Subscribe subscribe) {
			array.add(subscribe.promise());
		}
		else if (syscall instanceof VatSyscall.Resolve resolve) {
			array.add(encodeResolutions(resolve.resolutions()));
		}
		else if (syscall instanceof VatSyscall.Exit exit) {
			array.add(exit.isFailure()).add(encodeCapData(exit.info()));
		}
		else if (syscall instanceof VatSyscall.VatstoreGet get) {
			array.add(get.key());
		}
		else if (syscall instanceof VatSyscall.VatstoreGetNextKey next) {
			array.add(next.priorKey());
		}
		else if (syscall instanceof VatSyscall.VatstoreSet set) {
			array.add(set.key()).add(set.value());
		}
		else if (syscall instanceof VatSyscall.VatstoreDelete delete) {
			array.add(delete.key());
		}
		else if (syscall instanceof VatSyscall.DropImports drop) {
			array.add(strings(drop.vrefs()));
		}
		else if (syscall instanceof VatSyscall.RetireImports retire) {
			array.add(strings(retire.vrefs()));
		}
		else if (syscall instanceof VatSyscall.RetireExports retire) {
			array.add(strings(retire.vrefs()));
		}
		else if (syscall instanceof VatSyscall.AbandonExports abandon) {
			array.add(strings(abandon.vrefs()));
		}
		else if (syscall instanceof VatSyscall.CallNow call) {
			array.add(call.target()).add(call.method()).add(encodeCapData(call.args()));
		}
		return array;
	}

	public static ArrayNode encodeSyscallResult(VatSyscallResult result) {
		if (!result.success()) {
			return NODES.arrayNode().add("error").add(result.problem());
		}
		ArrayNode array = NODES.arrayNode().add("ok");
		Object data = result.data();
		if (data == null) {
			array.addNull();
		}
		else if (data instanceof CapData capData) {
			array.add(encodeCapData(capData));
		}
		else {
			array.add((String) data);
		}
		return array;
	}

	public static VatSyscallResult decodeSyscallResult(JsonNode node) {
		String tag = tag(node);
		if (tag.equals("error")) {
			return VatSyscallResult.error(string(node.get(1)));
		}
		if (!tag.equals("ok")) {
			throw new IllegalArgumentException("syscall result must be ok or error, not " + tag);
		}
		JsonNode data = node.get(1);
		if (data == null || data.isNull()) {
			return VatSyscallResult.ok();
		}
		return data.isObject() ? VatSyscallResult.ok(capData(data)) : VatSyscallResult.ok(string(data));
	}

	// ---- pieces -----------------------------------------------------------------------

	public static ObjectNode encodeCapData(CapData capData) {
		ObjectNode node = NODES.objectNode();
		node.put("body", capData.body());
		node.set("slots", strings(capData.slots()));
		return node;
	}

	public static CapData capData(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("capdata must be an object {body, slots}");
		}
		return new CapData(string(node.get("body")), stringList(node.get("slots")));
	}

	public static ObjectNode encodeMessage(VatMessage message) {
		ObjectNode node = NODES.objectNode();
		node.set("methargs", encodeCapData(message.methargs()));
		if (message.result() == null) {
			node.putNull("result");
		}
		else {
			node.put("result", message.result());
		}
		return node;
	}

	public static VatMessage message(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("message must be an object {methargs, result}");
		}
		JsonNode result = node.get("result");
		return new VatMessage(capData(node.get("methargs")),
				(result == null || result.isNull()) ? null : string(result));
	}

	private static ArrayNode encodeResolutions(List<Resolution> resolutions) {
		ArrayNode array = NODES.arrayNode();
		for (Resolution r : resolutions) {
			array.add(NODES.arrayNode().add(r.promise()).add(r.rejected()).add(encodeCapData(r.data())));
		}
		return array;
	}

	private static List<Resolution> resolutions(@Nullable JsonNode node) {
		if (node == null || !node.isArray()) {
			throw new IllegalArgumentException("resolutions must be an array");
		}
		List<Resolution> list = new ArrayList<>();
		for (JsonNode entry : node) {
			if (!entry.isArray() || entry.size() != 3) {
				throw new IllegalArgumentException("a resolution must be [vpid, rejected, capdata]");
			}
			list.add(new Resolution(string(entry.get(0)), bool(entry.get(1)), capData(entry.get(2))));
		}
		return list;
	}

	private static ArrayNode strings(List<String> values) {
		ArrayNode array = NODES.arrayNode();
		values.forEach(array::add);
		return array;
	}

	private static List<String> stringList(@Nullable JsonNode node) {
		if (node == null || !node.isArray()) {
			throw new IllegalArgumentException("expected an array of strings");
		}
		List<String> list = new ArrayList<>(node.size());
		for (JsonNode value : node) {
			list.add(string(value));
		}
		return list;
	}

	private static String tag(JsonNode node) {
		if (!node.isArray() || node.isEmpty() || !node.get(0).isString()) {
			throw new IllegalArgumentException("expected a tagged array [\"type\", …]");
		}
		return node.get(0).stringValue();
	}

	private static String string(@Nullable JsonNode node) {
		if (node == null || !node.isString()) {
			throw new IllegalArgumentException("expected a string");
		}
		return node.stringValue();
	}

	private static boolean bool(@Nullable JsonNode node) {
		if (node == null || !node.isBoolean()) {
			throw new IllegalArgumentException("expected a boolean");
		}
		return node.booleanValue();
	}

}
