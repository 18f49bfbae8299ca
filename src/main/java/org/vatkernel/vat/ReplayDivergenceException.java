package org.vatkernel.vat;

import org.vatkernel.model.VatId;

/**
 * Replaying a vat's transcript did not reproduce the recorded syscalls: the worker is not the
 * vat the DB describes. Not the vat's fault and not deterministic across nodes: the kernel
 * halts.
 */
public class ReplayDivergenceException extends RuntimeException {

	public ReplayDivergenceException(VatId vatId, long position, String detail) {
		super("replay of vat " + vatId + " diverged at transcript position " + position + ": " + detail);
	}

}
