package org.vatkernel.worker;

/**
 * Raw facts about a failed worker command, before classification: what the host saw and how
 * the process ended. Internal to this package; {@link WorkerManager} turns it into a metering
 * fault result or a {@link WorkerDiedException}.
 */
class WorkerFailedException extends RuntimeException {

	private final WorkerFailure failure;

	private final ExitStatus exitStatus;

	private final String stderrTail;

	WorkerFailedException(WorkerFailure failure, String detail, ExitStatus exitStatus, String stderrTail,
			Throwable cause) {
		super(detail, cause);
		this.failure = failure;
		this.exitStatus = exitStatus;
		this.stderrTail = stderrTail;
	}

	WorkerFailure failure() {
		return this.failure;
	}

	ExitStatus exitStatus() {
		return this.exitStatus;
	}

	String stderrTail() {
		return this.stderrTail;
	}

}
