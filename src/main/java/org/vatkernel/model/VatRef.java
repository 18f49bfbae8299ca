package org.vatkernel.model;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A vref: a vat's own name for an object ({@code o+4} exported, {@code o-50} imported, and
 * liveslots' virtual and durable objects {@code o+v3/1}, {@code o+d5/2:0}), a promise
 * ({@code p+7}, {@code p-60}) or a device node ({@code d-70}), as one vat's c-list maps it to a
 * kref. {@code +} means the vat allocated it. It prints and serializes as itself; the worker
 * protocol's records keep vrefs as strings and the translator parses them.
 */
public record VatRef(@JsonValue String value) {

	private static final Pattern FORM = Pattern.compile(
			"(?:[opd][+-](?:0|[1-9][0-9]*))|(?:o\\+[vd]?(?:0|[1-9][0-9]*)(?:/(?:0|[1-9][0-9]*)(?::(?:0|[1-9][0-9]*))?)?)");

	public VatRef {
		if (value == null || !FORM.matcher(value).matches()) {
			throw new IllegalArgumentException("invalid vref " + value);
		}
	}

	public static VatRef of(String value) {
		return new VatRef(value);
	}

	public static boolean isVatRef(String value) {
		return value != null && FORM.matcher(value).matches();
	}

	public boolean isObject() {
		return this.value.charAt(0) == 'o';
	}

	public boolean isPromise() {
		return this.value.charAt(0) == 'p';
	}

	public boolean isDevice() {
		return this.value.charAt(0) == 'd';
	}

	/** Allocated by the vat ({@code +}: an export) rather than by the kernel ({@code -}: an import). */
	public boolean allocatedByVat() {
		return this.value.charAt(1) == '+';
	}

	@Override
	public String toString() {
		return this.value;
	}

}
