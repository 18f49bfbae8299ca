package org.vatkernel.worker;

import org.vatkernel.model.VatId;

/** The syscall handler threw while a vat waited for its answer; the worker has been killed. */
public class SyscallHandlerException extends RuntimeException {

	private final VatId vatId;

	public SyscallHandlerException(VatId vatId, String syscall, RuntimeException cause) {
		super("syscall handler failed for vat " + vatId + " on " + syscall + ": " + cause.getMessage(), cause);
		this.vatId = vatId;
	}

	public VatId vatId() {
		return this.vatId;
	}

}
