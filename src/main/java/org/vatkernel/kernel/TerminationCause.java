package org.vatkernel.kernel;

import org.vatkernel.worker.MeteringFault;

/**
 * Why a vat was terminated, as a kind: what metrics tag, the slog records and the API shows
 * beside the free-text reason, which is never parsed back. A new way for a vat to end (vatAdmin's
 * {@code terminateWithFailure}, a failed upgrade, a meter underflow) is a new constant here and
 * one place that produces it.
 */
public enum TerminationCause {

	/** xsnap's compute meter ran out (exit code 17). */
	COMPUTE_METER_EXCEEDED("metering"),

	/** xsnap's stack meter ran out (exit code 12). */
	STACK_METER_EXCEEDED("metering"),

	/** xsnap's allocation meter ran out (exit code 11). */
	ALLOCATE_METER_EXCEEDED("metering"),

	/** A syscall the kernel refused (an unknown vref, a promise the vat does not decide...). */
	ILLEGAL_SYSCALL("illegal-syscall"),

	/** The delivery failed inside the vat (liveslots reported an error). */
	DELIVERY_ERROR("delivery-error"),

	/** {@code vatPowers.exitVat}: the vat's effects are kept. */
	EXIT("exit"),

	/** {@code vatPowers.exitVatWithFailure}: the delivery's effects are rolled back. */
	EXIT_WITH_FAILURE("exit-with-failure"),

	/** The vat's vatAdmin meter could not pay for a delivery. */
	METER_UNDERFLOW("meter-underflow"),

	/** vatAdmin's {@code adminNode.terminateWithFailure(reason)}, asked by another vat. */
	TERMINATED_BY_VAT_ADMIN("terminate-with-failure"),

	/** {@code startVat} of a vat created through vatAdmin failed: the creation is undone. */
	CREATION_FAILED("creation-failed"),

	/** An operator's {@code POST /api/vats/{vatId}/terminate}. */
	OPERATOR("operator");

	private final String metricTag;

	TerminationCause(String metricTag) {
		this.metricTag = metricTag;
	}

	/** The {@code reason} tag of {@code kernel.vat.terminations}: a few stable kinds. */
	public String metricTag() {
		return this.metricTag;
	}

	public static TerminationCause of(MeteringFault fault) {
		return switch (fault) {
			case COMPUTE -> COMPUTE_METER_EXCEEDED;
			case STACK -> STACK_METER_EXCEEDED;
			case ALLOCATE -> ALLOCATE_METER_EXCEEDED;
		};
	}

}
