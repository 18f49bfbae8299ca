package org.vatkernel.worker;

/** The syscall handler threw while a vat waited for its answer; the worker has been killed. */
public class SyscallHandlerException extends RuntimeException {

	private final String vatId;

	public SyscallHandlerException(String vatId, String syscall, RuntimeException cause) {
		super("syscall handler failed for vat " + vatId + " on " + syscall + ": " + cause.getMessage(), cause);
		this.vatId = vatId;
	}

	public String vatId() {
		return this.vatId;
	}

}
