package org.vatkernel.kernel.crank;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;

/** The few capdata shapes the kernel looks inside, and a message's result as a kref. */
public final class Refs {

	private Refs() {
	}

	/** Whether a capdata slot, a vref or a kref as the wire carries it, names a promise. */
	static boolean isPromise(String slot) {
		return slot.startsWith("p") || slot.startsWith("kp");
	}

	/** A message's result in kernel space: a kpid, or none. */
	public static @Nullable KernelRef result(VatMessage msg) {
		return KernelRef.ofNullable(msg.result());
	}

	/**
	 * The single reference a capdata consists of, if its whole body is one remotable or promise
	 * ({@code #"$0…"} or {@code #"&0"}), as SwingSet's {@code extractSingleSlot}.
	 */
	static Optional<String> singleSlot(CapData data) {
		if (!data.body().startsWith("#\"") || data.slots().isEmpty()) {
			return Optional.empty();
		}
		try {
			JsonNode value = VatProtocolJson.parse(data.body().substring(1));
			String s = value.stringValue();
			if (s == null || s.isEmpty() || (s.charAt(0) != '$' && s.charAt(0) != '&')) {
				return Optional.empty();
			}
			int end = 1;
			while (end < s.length() && Character.isDigit(s.charAt(end))) {
				end++;
			}
			int index = Integer.parseInt(s.substring(1, end));
			return index < data.slots().size() ? Optional.of(data.slots().get(index)) : Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** The method name of a message, legible as SwingSet's kdebug {@code extractMethod} gives it. */
	static String method(CapData methargs) {
		try {
			boolean smallcaps = methargs.body().startsWith("#");
			JsonNode parsed = VatProtocolJson.parse(smallcaps ? methargs.body().substring(1) : methargs.body());
			JsonNode method = parsed.get(0);
			if (method == null || method.isNull()) {
				return "<funcall>";
			}
			if (!method.isString()) {
				return smallcaps ? "<unintelligible method>" : "<invalid method type>";
			}
			String m = method.stringValue();
			if (!smallcaps || m.isEmpty()) {
				return m;
			}
			String rest = m.substring(1);
			return switch (m.charAt(0)) {
				case '%' -> "[" + rest + "]";
				case '#' -> rest.equals("undefined") ? "<funcall>" : "<unintelligible method>";
				case '!' -> rest;
				case '+', '-', '$', '&' -> "<unintelligible method>";
				default -> m;
			};
		}
		catch (RuntimeException ex) {
			return "<unknown>";
		}
	}

}
