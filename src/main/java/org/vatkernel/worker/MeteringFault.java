package org.vatkernel.worker;

/**
 * Which of xsnap's meters a delivery exhausted, from the worker's exit code: deterministic, so
 * the same on every node. {@code problem} is the text SwingSet puts in the delivery result.
 */
public enum MeteringFault {

	/** Exit code 17. */
	COMPUTE("Compute meter exceeded"),

	/** Exit code 12. */
	STACK("Stack meter exceeded"),

	/** Exit code 11. */
	ALLOCATE("Allocate meter exceeded");

	private final String problem;

	MeteringFault(String problem) {
		this.problem = problem;
	}

	public String problem() {
		return this.problem;
	}

}
