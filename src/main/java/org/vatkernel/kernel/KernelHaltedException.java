package org.vatkernel.kernel;

import org.jspecify.annotations.Nullable;

/** The kernel is halted: no crank runs until an operator acts. */
public class KernelHaltedException extends RuntimeException {

	private final @Nullable HaltReason reason;

	public KernelHaltedException(@Nullable HaltReason reason) {
		super("the kernel is halted" + (reason == null ? "" : ": " + reason.message()));
		this.reason = reason;
	}

	public @Nullable HaltReason reason() {
		return this.reason;
	}

}
