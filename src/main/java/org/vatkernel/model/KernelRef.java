package org.vatkernel.model;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A kref: the kernel's name for an object ({@code koN}), a promise ({@code kpN}) or a device node
 * ({@code kdN}), the same in every vat's c-list. It prints and serializes as itself. Capdata
 * slots stay strings: the same capdata carries krefs in kernel space and vrefs in a vat's, and
 * the translator turns one into the other.
 */
public record KernelRef(@JsonValue String value) {

	private static final Pattern FORM = Pattern.compile("k[opd](?:0|[1-9][0-9]*)");

	public KernelRef {
		if (value == null || !FORM.matcher(value).matches()) {
			throw new IllegalArgumentException("not a kref: " + value);
		}
	}

	public static KernelRef of(String value) {
		return new KernelRef(value);
	}

	public static @Nullable KernelRef ofNullable(@Nullable String value) {
		return value == null ? null : new KernelRef(value);
	}

	public boolean isObject() {
		return this.value.charAt(1) == 'o';
	}

	public boolean isPromise() {
		return this.value.charAt(1) == 'p';
	}

	public boolean isDevice() {
		return this.value.charAt(1) == 'd';
	}

	@Override
	public String toString() {
		return this.value;
	}

}
