package org.vatkernel.kernel.config;

/** A kernel config (config.json) that cannot be applied; names what is wrong. */
public class KernelConfigException extends RuntimeException {

	public KernelConfigException(String message) {
		super(message);
	}

}
