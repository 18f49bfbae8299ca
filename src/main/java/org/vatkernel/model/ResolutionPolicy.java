package org.vatkernel.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the kernel does when a promise the host asked for settles, SwingSet's
 * {@code queueToKref} policies that vatkernel uses: {@code panic} halts the kernel on a rejection
 * (the bootstrap result); {@code ignore} only records the settlement in the promise.
 * ({@code logAlways} and {@code logFailure} differ from {@code ignore} only in SwingSet's host
 * log; nothing here asks for them.)
 */
public enum ResolutionPolicy implements WireNamed {

	IGNORE("ignore"),

	PANIC("panic");

	private final String wireName;

	ResolutionPolicy(String wireName) {
		this.wireName = wireName;
	}

	/** The name in the kernel DB and on the wire. */
	@Override
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	public static ResolutionPolicy ofWireName(String name) {
		return WireNamed.of(ResolutionPolicy.class, name);
	}

}
