package org.vatkernel.security;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints the {@code {bcrypt}} hash of a password for {@code kernel.security.users[i].password}:
 * {@code java -cp vatkernel.jar -Dloader.main=org.vatkernel.security.PasswordHash
 * org.springframework.boot.loader.launch.PropertiesLauncher 'the password'}.
 */
public final class PasswordHash {

	private PasswordHash() {
	}

	public static void main(String[] args) {
		if (args.length != 1 || args[0].isEmpty()) {
			System.err.println("usage: PasswordHash <password>");
			System.exit(2);
		}
		System.out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(args[0]));
	}

}
