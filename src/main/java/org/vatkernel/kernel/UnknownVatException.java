package org.vatkernel.kernel;

/** No vat has that id. */
public class UnknownVatException extends RuntimeException {

	public UnknownVatException(String vatId) {
		super("no vat " + vatId);
	}

}
