package org.vatkernel.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The users of {@code src/test/resources/config/application.yml}, as HTTP Basic headers. */
public enum TestUsers {

	VIEWER("test-viewer", "viewer-test-password"), OPERATOR("test-operator", "operator-test-password");

	private final String name;

	private final String password;

	TestUsers(String name, String password) {
		this.name = name;
		this.password = password;
	}

	public String username() {
		return this.name;
	}

	public String password() {
		return this.password;
	}

	public String basicAuth() {
		return "Basic " + Base64.getEncoder()
			.encodeToString((this.name + ":" + this.password).getBytes(StandardCharsets.UTF_8));
	}

	/** The same users as command-line arguments, for an application started outside the test classpath. */
	public static String[] asArguments() {
		return new String[] { "--kernel.security.users[0].name=test-viewer",
				"--kernel.security.users[0].password={bcrypt}$2a$04$uBde7zzmajcJuzfqJlMWT.Kz00XYCGXHg4iogh7OBuEy7inBOI4RS",
				"--kernel.security.users[0].role=viewer", "--kernel.security.users[1].name=test-operator",
				"--kernel.security.users[1].password={bcrypt}$2a$04$QhuNIdRQYpseRmo1cmwO4.TlAhQccaHuqWUBNbfgxL47hrGqjgWaK",
				"--kernel.security.users[1].role=operator" };
	}

}
