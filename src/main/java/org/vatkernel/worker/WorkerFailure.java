package org.vatkernel.worker;

/** What the host saw when a worker command did not end with a well-formed reply. */
public enum WorkerFailure {

	/** The reply pipe closed (EOF) or a pipe write failed: the worker went away by itself. */
	PIPE_CLOSED,

	/** The worker answered {@code !}: an exception reached the top of its JS. */
	ERROR_REPLY,

	/** A frame that breaks netstring framing or the reply format (unknown tag, empty frame). */
	MALFORMED_FRAME,

	/** A well-framed reply whose content makes no sense (bad JSON, unknown uplink, empty result). */
	MALFORMED_REPLY,

	/** The host's watchdog killed a command that ran past the configured timeout. */
	TIMEOUT,

	/** The host killed the worker on request (an operator or a test). */
	KILLED_BY_HOST

}
