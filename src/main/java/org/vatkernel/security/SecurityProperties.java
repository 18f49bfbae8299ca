package org.vatkernel.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.validation.annotation.Validated;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kernel.security.users}: who may use the API. Passwords are bcrypt hashes
 * ({@code {bcrypt}$2a$…}); plain {@code {noop}} passwords are accepted only in the {@code dev}
 * profile. Roles: {@code viewer} (every GET, metrics) and {@code operator} (also every action).
 */
@Validated
@ConfigurationProperties("kernel.security")
public record SecurityProperties(@DefaultValue List<@Valid User> users) {

	public record User(@NotBlank String name, @NotBlank String password, @NotNull Role role) {
	}

	public enum Role {

		VIEWER, OPERATOR

	}

}
