package org.vatkernel.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.vatkernel.security.SecurityProperties.Role;
import org.vatkernel.security.SecurityProperties.User;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CredentialsCheckTests {

	private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private static String bcrypt(String password) {
		return "{bcrypt}" + new BCryptPasswordEncoder(4).encode(password);
	}

	@Test
	void noUsersIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CredentialsCheck.check(new SecurityProperties(List.of()), false, ENCODER))
			.withMessageContaining("no users are configured (kernel.security.users)");
	}

	@Test
	void plainPasswordsOnlyInDev() {
		SecurityProperties plain = new SecurityProperties(List.of(new User("ops", "{noop}s3cret-enough", Role.OPERATOR)));
		assertThatIllegalStateException().isThrownBy(() -> CredentialsCheck.check(plain, false, ENCODER))
			.withMessageContaining("kernel.security.users[0].password for 'ops' is not a bcrypt hash");
		assertThatCode(() -> CredentialsCheck.check(plain, true, ENCODER)).doesNotThrowAnyException();
	}

	@Test
	void emptyAndDefaultPasswordsAreRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CredentialsCheck.check(
					new SecurityProperties(List.of(new User("ops", "", Role.OPERATOR))), false, ENCODER))
			.withMessageContaining("kernel.security.users[0].password is empty");
		for (String weak : List.of("password", "operator", "changeme", "ops")) {
			assertThatIllegalStateException()
				.isThrownBy(() -> CredentialsCheck.check(
						new SecurityProperties(List.of(new User("ops", bcrypt(weak), Role.OPERATOR))), false, ENCODER))
				.withMessageContaining("is a default password");
		}
	}

	@Test
	void namesMustBeUniqueAndRolesGiven() {
		String hash = bcrypt("a long and unusual one");
		assertThatIllegalStateException()
			.isThrownBy(() -> CredentialsCheck.check(new SecurityProperties(
					List.of(new User("a", hash, Role.VIEWER), new User("a", hash, null))), false, ENCODER))
			.withMessageContaining("'a' is used twice")
			.withMessageContaining("kernel.security.users[1].role is missing");
	}

	@Test
	void hashedUniquePasswordsPass() {
		assertThatCode(() -> CredentialsCheck.check(new SecurityProperties(List.of(
				new User("v", bcrypt("viewer-test-password"), Role.VIEWER),
				new User("o", bcrypt("operator-test-password"), Role.OPERATOR))), false, ENCODER))
			.doesNotThrowAnyException();
	}

}
