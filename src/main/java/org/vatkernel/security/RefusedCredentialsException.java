package org.vatkernel.security;

import java.util.List;

/** The configured users may not run this node: each problem names the setting. */
class RefusedCredentialsException extends IllegalStateException {

	private final List<String> problems;

	RefusedCredentialsException(List<String> problems) {
		super("Refusing to start with these credentials: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return this.problems;
	}

}
