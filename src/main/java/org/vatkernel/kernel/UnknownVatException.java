package org.vatkernel.kernel;

import org.vatkernel.model.VatId;

/** No vat has that id. */
public class UnknownVatException extends RuntimeException {

	public UnknownVatException(VatId vatId) {
		super("no vat " + vatId);
	}

}
