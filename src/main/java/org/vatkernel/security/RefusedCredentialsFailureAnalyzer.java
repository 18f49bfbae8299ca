package org.vatkernel.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Refused credentials as a start-up failure report: each problem on a line, and how to mend it. */
class RefusedCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<RefusedCredentialsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RefusedCredentialsException cause) {
		return new FailureAnalysis("Refusing to start with these credentials:\n  - " + String.join("\n  - ", cause.problems()),
				"Give every user in kernel.security.users a role (viewer or operator) and a bcrypt hash "
						+ "({bcrypt}$2a$…) of a password that is not a well-known default; the jar prints one: "
						+ "java -cp vatkernel.jar -Dloader.main=org.vatkernel.security.PasswordHash "
						+ "org.springframework.boot.loader.launch.PropertiesLauncher 'the password'. "
						+ "Plain passwords are for the dev profile only.",
				cause);
	}

}
