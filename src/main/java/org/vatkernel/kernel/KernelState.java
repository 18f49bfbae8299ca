package org.vatkernel.kernel;

/** Whether the kernel thread runs cranks. */
public enum KernelState {

	/** Runs cranks while there is work. */
	RUNNING,

	/** An operator paused it; {@code step} still runs one crank at a time. */
	PAUSED,

	/** A crank failed in a way that may not have happened on other nodes; nothing runs. */
	HALTED

}
