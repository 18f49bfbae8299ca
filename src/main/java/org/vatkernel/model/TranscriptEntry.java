package org.vatkernel.model;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One transcript entry, SwingSet's shape {@code {d, sc: [{s, r}], r: {status, metering?}}}: the
 * vat-space delivery, each syscall with the result the kernel gave, and the delivery's status
 * with the computrons of a successful metered delivery. The one codec for it: the crank
 * encodes what it delivered, replay decodes what it must reproduce.
 */
public record TranscriptEntry(VatDelivery delivery, List<Syscall> syscalls, String status,
		@Nullable Long computrons) {

	/** A syscall the vat made and the result it got. */
	public record Syscall(VatSyscall syscall, VatSyscallResult result) {
	}

	public TranscriptEntry {
		syscalls = List.copyOf(syscalls);
	}

	/** The entry for a delivery and its result; computrons only for a successful delivery that used some. */
	public static TranscriptEntry of(VatDelivery delivery, List<Syscall> syscalls, VatDeliveryResult result) {
		Long computrons = result.isOk() && result.meterUsage() != null && result.meterUsage().compute() > 0
				? result.meterUsage().compute() : null;
		return new TranscriptEntry(delivery, syscalls, result.status(), computrons);
	}

	public String encode() {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode entry = nodes.objectNode();
		entry.set("d", VatProtocolJson.encodeDelivery(this.delivery));
		ArrayNode sc = entry.putArray("sc");
		for (Syscall s : this.syscalls) {
			ObjectNode item = sc.addObject();
			item.set("s", VatProtocolJson.encodeSyscall(s.syscall()));
			item.set("r", VatProtocolJson.encodeSyscallResult(s.result()));
		}
		ObjectNode r = entry.putObject("r");
		r.put("status", this.status);
		if (this.computrons != null) {
			r.putObject("metering").put("computrons", this.computrons);
		}
		return VatProtocolJson.write(entry);
	}

	public static TranscriptEntry decode(String json) {
		JsonNode entry = VatProtocolJson.parse(json);
		List<Syscall> syscalls = new ArrayList<>();
		for (JsonNode item : entry.path("sc")) {
			syscalls.add(new Syscall(VatProtocolJson.decodeSyscall(item.get("s")),
					VatProtocolJson.decodeSyscallResult(item.get("r"))));
		}
		JsonNode r = entry.path("r");
		JsonNode computrons = r.path("metering").path("computrons");
		return new TranscriptEntry(VatProtocolJson.decodeDelivery(entry.get("d")), syscalls,
				r.path("status").asString("ok"), computrons.isNumber() ? computrons.asLong() : null);
	}

}
