package org.vatkernel.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Refuses configurations that would leave a node open: no users, a blank name or password, a
 * duplicated name, a password that is not hashed, or one of the well-known defaults (including
 * the {@code dev} profile's own). The {@code dev} profile may use plain passwords.
 */
final class CredentialsCheck {

	/** What people and tools put in first; the dev profile's passwords are among them. */
	static final List<String> DEFAULT_PASSWORDS = List.of("", "password", "admin", "changeme", "secret", "viewer",
			"operator", "vatkernel");

	private CredentialsCheck() {
	}

	static void check(SecurityProperties properties, boolean devProfile, PasswordEncoder encoder) {
		List<String> problems = new ArrayList<>();
		if (properties.users().isEmpty()) {
			problems.add("no users are configured (kernel.security.users)");
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < properties.users().size(); i++) {
			SecurityProperties.User user = properties.users().get(i);
			String where = "kernel.security.users[" + i + "]";
			if (user.name() == null || user.name().isBlank()) {
				problems.add(where + ".name is empty");
				continue;
			}
			if (!names.add(user.name())) {
				problems.add(where + ".name '" + user.name() + "' is used twice");
			}
			if (user.role() == null) {
				problems.add(where + ".role is missing (viewer or operator)");
			}
			if (devProfile) {
				continue;
			}
			String password = user.password() == null ? "" : user.password();
			if (password.isBlank()) {
				problems.add(where + ".password is empty");
			}
			else if (!password.startsWith("{bcrypt}")) {
				problems.add(where + ".password for '" + user.name()
						+ "' is not a bcrypt hash ({bcrypt}$2a$…); plain passwords are for the dev profile only");
			}
			else if (isDefault(password, user.name(), encoder)) {
				problems.add(where + ".password for '" + user.name() + "' is a default password");
			}
		}
		if (!problems.isEmpty()) {
			throw new RefusedCredentialsException(problems);
		}
	}

	private static boolean isDefault(String hash, String name, PasswordEncoder encoder) {
		List<String> candidates = new ArrayList<>(DEFAULT_PASSWORDS);
		candidates.add(name);
		return candidates.stream().anyMatch(candidate -> encoder.matches(candidate, hash));
	}

}
