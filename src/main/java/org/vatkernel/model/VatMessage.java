package org.vatkernel.model;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** A message as a vat sees it: {@code methargs} capdata and an optional result promise vref. */
public record VatMessage(CapData methargs, @Nullable String result) {

	public VatMessage {
		Objects.requireNonNull(methargs, "methargs");
	}

}
