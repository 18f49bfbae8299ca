package org.vatkernel.kernel;

/**
 * The kernel cannot go on: a critical vat was terminated, a panic-policy promise (the bootstrap
 * result) was rejected, or kernel state contradicts itself. The crank rolls back and the kernel
 * halts.
 */
public class KernelPanicException extends RuntimeException {

	public KernelPanicException(String message) {
		super(message);
	}

}
