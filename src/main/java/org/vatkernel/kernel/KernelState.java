package org.vatkernel.kernel;

/** Whether the kernel thread runs cranks. */
public enum KernelState {

	/**
	 * The application is coming up: applying {@code kernel.config} to an empty DB (bundling vat
	 * sources can take seconds) or checking an existing one. No crank runs yet.
	 */
	STARTING,

	/** Runs cranks while there is work. */
	RUNNING,

	/**
	 * Not running cranks on purpose: an operator paused it, or it started with
	 * {@code kernel.run-on-start=false}; {@code step} still runs one crank at a time.
	 */
	PAUSED,

	/** A crank failed in a way that may not have happened on other nodes; nothing runs. */
	HALTED

}
