package org.vatkernel.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kernel.security.users}: who may use the API. Passwords are bcrypt hashes
 * ({@code {bcrypt}$2a$…}); plain {@code {noop}} passwords are accepted only in the {@code dev}
 * profile. Roles: {@code viewer} (every GET, metrics) and {@code operator} (also every action).
 */
@ConfigurationProperties("kernel.security")
public record SecurityProperties(@DefaultValue List<User> users) {

	public record User(String name, String password, Role role) {
	}

	public enum Role {

		VIEWER, OPERATOR

	}

}
