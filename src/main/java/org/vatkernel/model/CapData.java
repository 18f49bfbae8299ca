package org.vatkernel.model;

import java.util.List;
import java.util.Objects;

/**
 * Marshalled data crossing the kernel/vat boundary: a smallcaps {@code body} and the references
 * it mentions. Translation rewrites only {@code slots}; the body is an opaque string that passes
 * through byte for byte, never re-serialized.
 */
public record CapData(String body, List<String> slots) {

	public CapData {
		Objects.requireNonNull(body, "body");
		slots = List.copyOf(slots);
	}

	/** Capdata with no slots. */
	public static CapData of(String body) {
		return new CapData(body, List.of());
	}

}
