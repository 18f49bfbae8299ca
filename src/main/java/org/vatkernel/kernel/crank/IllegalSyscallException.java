package org.vatkernel.kernel.crank;

/**
 * A vat asked for something it may not: a vref it does not hold, a bad shape, a resolve of a
 * promise it does not decide. Deterministic, so it costs the vat its life, never the kernel.
 */
class IllegalSyscallException extends RuntimeException {

	IllegalSyscallException(String message) {
		super(message);
	}

}
