package org.vatkernel.worker;

/** What the host was doing with a worker when it failed. Only a delivery can meter-fault. */
public enum WorkerPhase {

	/** Spawning, evaluating lockdown and supervisor, setBundle, or loading a snapshot. */
	BOOT,

	/** A {@code deliver} command was in flight. */
	DELIVERY,

	/** Writing a heap snapshot. */
	SNAPSHOT,

	/** Between commands. */
	IDLE

}
