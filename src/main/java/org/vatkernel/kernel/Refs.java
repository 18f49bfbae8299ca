package org.vatkernel.kernel;

import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;

/** Parsing of krefs, vrefs and the few capdata shapes the kernel looks inside. */
final class Refs {

	/** o+N, o-N, p±N, d±N, and vat-allocated virtual/durable objects o+vK/N[:F], o+dK/N[:F]. */
	private static final Pattern VREF = Pattern.compile("(?:[opd][+-](?:0|[1-9][0-9]*))|(?:o\\+[vd]?(?:0|[1-9][0-9]*)(?:/(?:0|[1-9][0-9]*)(?::(?:0|[1-9][0-9]*))?)?)");

	private Refs() {
	}

	static boolean isValidVref(String vref) {
		return VREF.matcher(vref).matches();
	}

	static boolean isObject(String ref) {
		return ref.startsWith("o") || ref.startsWith("ko");
	}

	static boolean isPromise(String ref) {
		return ref.startsWith("p") || ref.startsWith("kp");
	}

	static boolean isObject(KernelRef kref) {
		return kref.isObject();
	}

	static boolean isPromise(KernelRef kref) {
		return kref.isPromise();
	}

	/** A message's result in kernel space: a kpid, or none. */
	static @Nullable KernelRef result(VatMessage msg) {
		return KernelRef.ofNullable(msg.result());
	}

	/** Whether a vref was allocated by the vat ({@code +}) rather than the kernel. */
	static boolean allocatedByVat(String vref) {
		return vref.charAt(1) == '+';
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
