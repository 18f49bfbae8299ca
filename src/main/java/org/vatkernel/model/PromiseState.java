package org.vatkernel.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** A kernel promise's state, by SwingSet's names ({@code unresolved}, {@code fulfilled}, {@code rejected}). */
public enum PromiseState implements WireNamed {

	UNRESOLVED("unresolved"),

	FULFILLED("fulfilled"),

	REJECTED("rejected");

	private final String wireName;

	PromiseState(String wireName) {
		this.wireName = wireName;
	}

	/** The name in the kernel DB and on the wire. */
	@Override
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	public static PromiseState ofWireName(String name) {
		return WireNamed.of(PromiseState.class, name);
	}

}
