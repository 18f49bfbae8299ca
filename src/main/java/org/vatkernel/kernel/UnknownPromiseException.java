package org.vatkernel.kernel;

/** No kernel promise has that id. */
public class UnknownPromiseException extends RuntimeException {

	public UnknownPromiseException(String kpid) {
		super("no promise " + kpid);
	}

}
