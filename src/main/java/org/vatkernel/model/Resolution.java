package org.vatkernel.model;

import java.util.Objects;

/** One entry of a {@code resolve} syscall or a {@code notify} delivery. */
public record Resolution(String promise, boolean rejected, CapData data) {

	public Resolution {
		Objects.requireNonNull(promise, "promise");
		Objects.requireNonNull(data, "data");
	}

}
