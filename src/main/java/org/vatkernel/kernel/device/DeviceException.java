package org.vatkernel.kernel.device;

/**
 * What the calling vat got wrong in a device call (a bad argument, an unknown method or
 * bundle). The vat's {@code callNow} gets an error result, as from SwingSet's device manager;
 * nothing else happens to the vat or the kernel.
 */
public class DeviceException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DeviceException(String message) {
		super(message);
	}

}
