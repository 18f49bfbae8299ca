package org.vatkernel.kernel;

import org.vatkernel.model.CapData;
import org.vatkernel.model.SmallCaps;

/**
 * A vat's termination: its kind, the reason text its record shows, and what SwingSet tells the
 * vat's creator through vatAdmin ({@code vatTerminated(vatID, reject, info)}): whether
 * {@code done()} rejects, and the value it settles with (kernel-space capdata).
 */
public record VatTermination(TerminationCause cause, String reason, boolean reject, CapData info) {

	/** A failure whose {@code done()} rejects with {@code Error(reason)}. */
	public VatTermination(TerminationCause cause, String reason) {
		this(cause, reason, true, SmallCaps.error(reason));
	}

}
