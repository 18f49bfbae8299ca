package org.vatkernel.kernel;

import org.vatkernel.model.KernelRef;

/** No kernel promise has that id. */
public class UnknownPromiseException extends RuntimeException {

	public UnknownPromiseException(KernelRef kpid) {
		super("no promise " + kpid);
	}

}
