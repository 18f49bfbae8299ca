package org.vatkernel.state;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A kernel DB that cannot be reached at start-up (SQLState class 08: connection exception;
 * refused, unknown host, no such database), as a failure report rather than a stack trace.
 * Other SQL failures are left to Spring's own reports.
 */
class KernelDbUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
		if (cause.getSQLState() == null || !cause.getSQLState().startsWith("08")) {
			return null;
		}
		return new FailureAnalysis("The kernel DB cannot be reached: " + cause.getMessage(),
				"Start the database, or point spring.datasource.url (with spring.datasource.username and "
						+ "spring.datasource.password) at a reachable one. The postgres profile expects "
						+ "jdbc:postgresql://localhost:5432/vatkernel as user vatkernel.",
				cause);
	}

}
