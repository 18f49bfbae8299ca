package org.vatkernel.worker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vatkernel.model.MeterUsage;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatDeliveryResult;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.model.VatSyscall;
import org.vatkernel.model.VatSyscallResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A worker running liveslots for one vat: boots the supervisor, loads the vat bundle and speaks
 * the supervisor's JSON protocol (deliveries down, syscalls and log lines up). Failures surface
 * as {@link WorkerFailedException}; {@link WorkerManager} classifies them.
 */
final class VatWorker {

	private static final Logger vatConsole = LoggerFactory.getLogger("org.vatkernel.vat.console");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final byte[] CONSOLE_ACK = bytes("[\"ok\"]");

	private static final byte[] TEST_LOG_ACK = bytes("[\"OK\"]");

	private final VatId vatId;

	private final XsnapWorker xsnap;

	private volatile long deliveries;

	private volatile @Nullable MeterUsage lastMeterUsage;

	VatWorker(VatId vatId, XsnapWorker xsnap) {
		this.vatId = vatId;
		this.xsnap = xsnap;
	}


	/**
	 * What every fresh boot does first, the same for every vat: evaluate lockdown and the
	 * supervisor. A spare worker stops here until a vat takes it.
	 */
	static void prepare(XsnapWorker xsnap, WorkerRuntime runtime) {
		xsnap.evaluate("(" + runtime.lockdown().source().strip() + "\n)()");
		xsnap.evaluate("(" + runtime.supervisor().source().strip() + "\n)()");
	}

	/** The vat's part of a boot: {@code setBundle} with its bundle and liveslots options. */
	void setBundle(String vatBundleJson, LiveSlotsOptions options) {
		JsonNode bundle;

		try {
			bundle = VatProtocolJson.parse(vatBundleJson);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("vat bundle for " + this.vatId + " is " + ex.getMessage(), ex);
		}
		ArrayNode setBundle = NODES.arrayNode().add("setBundle").add(this.vatId.value()).add(bundle);
		setBundle.addObject()
			.put("enableDisavow", options.enableDisavow())
			.put("relaxDurabilityRules", options.relaxDurabilityRules());
		XsnapWorker.Reply reply = this.xsnap.issueCommand(json(setBundle), request -> onUplink(request, null));
		JsonNode answer = parseReply(reply, "setBundle");
		if (!answer.isArray() || !"dispatchReady".equals(answer.path(0).asString(""))) {
			throw this.xsnap.fail(WorkerFailure.MALFORMED_REPLY,
					"setBundle failed: the vat bundle did not load: " + reply.bodyText(), null);
		}
	}

	/** After starting from a heap snapshot: the supervisor and vat are already in the heap. */
	void awaitReady() {
		this.xsnap.ready();
	}

	VatDeliveryResult deliver(VatDelivery delivery, SyscallHandler handler) {
		ArrayNode command = NODES.arrayNode().add("deliver").add(VatProtocolJson.encodeDelivery(delivery));
		XsnapWorker.Reply reply = this.xsnap.issueCommand(json(command), request -> onUplink(request, handler));
		if (reply.body().length == 0) {
			// The supervisor answers only once dispatch settles; an empty body means it never did.
			throw this.xsnap.fail(WorkerFailure.MALFORMED_REPLY,
					"empty reply to a delivery: the vat's dispatch never settled", null);
		}
		JsonNode result = parseReply(reply, "deliver");
		String status = result.path(0).asString("");
		MeterUsage meter = reply.meterUsage();
		this.deliveries++;
		this.lastMeterUsage = meter;
		if (status.equals("ok")) {
			JsonNode results = result.path(1);
			return VatDeliveryResult.ok(results.isMissingNode() || results.isNull() ? null : VatProtocolJson.write(results),
					meter);
		}
		if (status.equals("error") && result.path(1).isString()) {
			return VatDeliveryResult.error(result.path(1).stringValue(), meter);
		}
		throw this.xsnap.fail(WorkerFailure.MALFORMED_REPLY, "delivery result is neither ok nor error: " + reply.bodyText(),
				null);
	}

	private JsonNode parseReply(XsnapWorker.Reply reply, String what) {
		try {
			return VatProtocolJson.parse(reply.bodyText());
		}
		catch (IllegalArgumentException ex) {
			throw this.xsnap.fail(WorkerFailure.MALFORMED_REPLY,
					"reply to " + what + " is not JSON: " + abbreviate(reply.bodyText()), ex);
		}
	}

	private byte[] onUplink(byte[] request, @Nullable SyscallHandler handler) {
		String text = new String(request, StandardCharsets.UTF_8);
		JsonNode message;
		try {
			message = VatProtocolJson.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw uplinkProblem("worker sent an uplink that is not JSON: " + abbreviate(text));
		}
		String tag = message.path(0).asString("");
		switch (tag) {
			case "syscall" -> {
				if (handler == null) {
					throw uplinkProblem("worker made a syscall outside a delivery: " + abbreviate(text));
				}
				VatSyscall syscall = VatProtocolJson.decodeSyscall(message.path(1));
				VatSyscallResult result;
				try {
					result = handler.handle(syscall);
				}
				catch (RuntimeException ex) {
					throw new SyscallHandlerException(this.vatId, abbreviate(VatProtocolJson.write(message.path(1))), ex);
				}
				return json(VatProtocolJson.encodeSyscallResult(result));
			}
			case "testLog" -> {
				List<String> lines = new ArrayList<>();
				for (int i = 1; i < message.size(); i++) {
					JsonNode line = message.get(i);
					lines.add(line.isString() ? line.stringValue() : VatProtocolJson.write(line));
				}
				if (handler != null) {
					handler.testLog(lines);
				}
				return TEST_LOG_ACK;
			}
			case "sourcedConsole" -> {
				logConsole(message);
				return CONSOLE_ACK;
			}
			default -> throw uplinkProblem("worker sent an unknown uplink: " + abbreviate(text));
		}
	}

	private WorkerFailedException uplinkProblem(String detail) {
		// Thrown inside the uplink callback; XsnapWorker kills the process and adds its exit status.
		return new WorkerFailedException(WorkerFailure.MALFORMED_REPLY, detail, ExitStatus.RUNNING, "", null);
	}

	private void logConsole(JsonNode message) {
		String source = message.path(1).asString("?");
		String level = message.path(2).asString("log");
		StringBuilder line = new StringBuilder();
		for (int i = 3; i < message.size(); i++) {
			JsonNode arg = message.get(i);
			line.append(i > 3 ? " " : "").append(arg.isString() ? arg.stringValue() : VatProtocolJson.write(arg));
		}
		switch (level) {
			case "error" -> vatConsole.error("[{}:{}] {}", this.vatId, source, line);
			case "warn" -> vatConsole.warn("[{}:{}] {}", this.vatId, source, line);
			case "debug" -> vatConsole.debug("[{}:{}] {}", this.vatId, source, line);
			default -> vatConsole.info("[{}:{}] {}", this.vatId, source, line);
		}
	}

	VatId vatId() {
		return this.vatId;
	}

	XsnapWorker xsnap() {
		return this.xsnap;
	}

	long deliveries() {
		return this.deliveries;
	}

	@Nullable MeterUsage lastMeterUsage() {
		return this.lastMeterUsage;
	}

	private static byte[] json(JsonNode node) {
		return bytes(VatProtocolJson.write(node));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

}
