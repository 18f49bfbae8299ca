package org.vatkernel.model;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A vat's id, {@code v<N>} as SwingSet numbers them; never reused. It prints as itself, so logs,
 * the slog, JSON and error texts show {@code v3} as before. It is deliberately not
 * {@link Comparable}: SwingSet orders vats by their id string in some places ({@code v10} before
 * {@code v2}: GC actions) and by number in others (creation order), so each caller says which.
 */
public record VatId(@JsonValue String value) {

	private static final Pattern FORM = Pattern.compile("v(?:0|[1-9][0-9]*)");

	public VatId {
		if (value == null || !FORM.matcher(value).matches()) {
			throw new IllegalArgumentException("not a vat id: " + value);
		}
	}

	public static VatId of(String value) {
		return new VatId(value);
	}

	/** A nullable column or field: null stays null. */
	public static @Nullable VatId ofNullable(@Nullable String value) {
		return value == null ? null : new VatId(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
