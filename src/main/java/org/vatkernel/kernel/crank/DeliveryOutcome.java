package org.vatkernel.kernel.crank;

import org.jspecify.annotations.Nullable;
import org.vatkernel.kernel.TerminationCause;
import org.vatkernel.kernel.VatTermination;
import org.vatkernel.model.CapData;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatDeliveryResult;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.worker.DeliveryReport;

/**
 * What one delivery means for its vat, decided in one place ({@link #of}) in SwingSet's
 * priority order: an illegal syscall, then a failed delivery (a metering fault included), then
 * an exit with failure, then an exit. The crank acts on it: a rolled-back outcome undoes the
 * vat's effects (to before the delivery when the message is consumed, else to before the item
 * was taken, so that its retry splats against the terminated vat); a terminating outcome
 * terminates the vat.
 */
sealed interface DeliveryOutcome {

	/** The vat is in good standing; its effects commit. */
	record Completed() implements DeliveryOutcome {
	}

	/**
	 * The vat is terminated for {@code cause}; its delivery's effects are rolled back.
	 * @param consumeMessage whether the delivered item is used up (startVat, GC and BOYD
	 * deliveries) or goes back on its queue to splat
	 */
	record VatFatal(TerminationCause cause, String reason, CapData info, boolean consumeMessage)
			implements DeliveryOutcome {

		VatFatal(TerminationCause cause, String reason, boolean consumeMessage) {
			this(cause, reason, SmallCaps.error(reason), consumeMessage);
		}

	}

	/**
	 * The vat asked to exit; with {@code failure} its delivery's effects are rolled back too.
	 */
	record Exited(boolean failure, String reason, CapData info, boolean consumeMessage) implements DeliveryOutcome {

		TerminationCause cause() {
			return this.failure ? TerminationCause.EXIT_WITH_FAILURE : TerminationCause.EXIT;
		}

	}

	/**
	 * An upgrade that failed (the old incarnation's {@code bringOutYourDead}, or the new one's
	 * {@code startVat}): everything it did is rolled back, the item consumed, the vat kept.
	 */
	record UpgradeAborted() implements DeliveryOutcome {
	}

	DeliveryOutcome COMPLETED = new Completed();

	/** SwingSet's text for a delivery its vat's meter could not pay for. */
	String METER_UNDERFLOW = "meter underflow, vat terminated";

	/** Whether the delivery's effects are undone. */
	default boolean rollsBack() {
		return this instanceof VatFatal || this instanceof UpgradeAborted
				|| (this instanceof Exited exited && exited.failure());
	}

	/** Whether the rollback keeps the item consumed (only meaningful when it rolls back). */
	default boolean consumesMessage() {
		if (this instanceof VatFatal fatal) {
			return fatal.consumeMessage();
		}
		return this instanceof UpgradeAborted || (this instanceof Exited exited && exited.consumeMessage());
	}

	/** The termination this outcome calls for, if any. */
	default @Nullable VatTermination termination() {
		if (this instanceof VatFatal fatal) {
			return new VatTermination(fatal.cause(), fatal.reason(), true, fatal.info());
		}
		if (this instanceof Exited exited) {
			return new VatTermination(exited.cause(), (exited.failure() ? "exit with failure: " : "exit: ") + exited.reason(),
					exited.failure(), exited.info());
		}
		return null;
	}

	/**
	 * The verdict on one delivery.
	 * @param illegalSyscall the first syscall the kernel refused during it, if any
	 * @param exit the vat's exit request during it, if any
	 * @param consumeOnAbort whether a rolled-back item stays consumed
	 */
	static DeliveryOutcome of(DeliveryReport report, @Nullable String illegalSyscall,
			CrankContext.@Nullable ExitRequest exit, boolean consumeOnAbort) {
		return of(report, illegalSyscall, false, exit, consumeOnAbort);
	}

	/**
	 * The verdict, with the vat's meter: {@code meterUnderflow} when the delivery's computrons
	 * exceed what its vatAdmin meter has left (after a failed delivery, before an exit).
	 */
	static DeliveryOutcome of(DeliveryReport report, @Nullable String illegalSyscall, boolean meterUnderflow,
			CrankContext.@Nullable ExitRequest exit, boolean consumeOnAbort) {
		if (illegalSyscall != null) {
			// The creator's done() sees only SwingSet's text; the record keeps the detail.
			return new VatFatal(TerminationCause.ILLEGAL_SYSCALL,
					KernelSyscallHandler.ILLEGAL + " (" + illegalSyscall + ")", SmallCaps.error(KernelSyscallHandler.ILLEGAL),
					consumeOnAbort);
		}
		VatDeliveryResult result = report.result();
		if (!result.isOk()) {
			TerminationCause cause = report.meteringFault() != null ? TerminationCause.of(report.meteringFault())
					: TerminationCause.DELIVERY_ERROR;
			return new VatFatal(cause, String.valueOf(result.problem()), consumeOnAbort);
		}
		if (meterUnderflow) {
			return new VatFatal(TerminationCause.METER_UNDERFLOW, METER_UNDERFLOW, consumeOnAbort);
		}
		if (exit != null) {
			String reason = SmallCaps.errorMessage(exit.info().body())
				.or(() -> SmallCaps.decode(exit.info().body()).map(VatProtocolJson::write))
				.orElse(exit.info().body());
			return new Exited(exit.isFailure(), reason, exit.info(), consumeOnAbort);
		}
		return COMPLETED;
	}

}
