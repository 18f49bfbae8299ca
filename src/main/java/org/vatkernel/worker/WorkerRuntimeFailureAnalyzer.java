package org.vatkernel.worker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing or broken worker runtime, as a start-up failure report: what is wrong and where. */
class WorkerRuntimeFailureAnalyzer extends AbstractFailureAnalyzer<WorkerRuntimeMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WorkerRuntimeMissingException cause) {
		return new FailureAnalysis("The xsnap worker runtime is incomplete: " + cause.path() + " ("
				+ cause.property() + ") " + cause.problem() + ".", WorkerRuntimeMissingException.action(cause.property()),
				cause);
	}

}
