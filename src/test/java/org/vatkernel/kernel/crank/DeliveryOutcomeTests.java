package org.vatkernel.kernel.crank;

import java.time.Duration;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vatkernel.kernel.TerminationCause;
import org.vatkernel.kernel.VatTermination;
import org.vatkernel.kernel.crank.CrankContext;
import org.vatkernel.kernel.crank.DeliveryOutcome;
import org.vatkernel.model.CapData;
import org.vatkernel.model.MeterUsage;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatDeliveryResult;
import org.vatkernel.worker.DeliveryReport;
import org.vatkernel.worker.MeteringFault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict on a delivery, in SwingSet's priority order (illegal syscall, failed delivery,
 * exit with failure, exit), as a table: no Spring context, no worker.
 */
class DeliveryOutcomeTests {

	private static final DeliveryReport OK = new DeliveryReport(VatDeliveryResult.ok(null, new MeterUsage(5, 0, 0)),
			Duration.ZERO, null);

	private static final DeliveryReport THREW = new DeliveryReport(VatDeliveryResult.error("delivery failed: boom", null),
			Duration.ZERO, null);

	private static DeliveryReport metering(MeteringFault fault) {
		return new DeliveryReport(VatDeliveryResult.error(fault.problem(), null), Duration.ZERO, fault);
	}

	private static final CrankContext.ExitRequest EXIT = new CrankContext.ExitRequest(false, CapData.of("#\"done\""));

	private static final CrankContext.ExitRequest EXIT_FAILURE = new CrankContext.ExitRequest(true,
			CapData.of("#{\"#error\":\"bad state\",\"name\":\"Error\"}"));

	static Stream<Arguments> cases() {
		return Stream.of(
				// report, illegal syscall, exit, consumeOnAbort → cause (null: completed), rolls back, consumed, reason
				Arguments.of(OK, null, null, false, null, false, false, null),
				Arguments.of(OK, "o-99 unknown", null, false, TerminationCause.ILLEGAL_SYSCALL, true, false,
						"syscall translation error: prepare to die (o-99 unknown)"),
				Arguments.of(THREW, "o-99 unknown", EXIT, true, TerminationCause.ILLEGAL_SYSCALL, true, true,
						"syscall translation error: prepare to die (o-99 unknown)"),
				Arguments.of(THREW, null, EXIT, false, TerminationCause.DELIVERY_ERROR, true, false,
						"delivery failed: boom"),
				Arguments.of(metering(MeteringFault.COMPUTE), null, null, true, TerminationCause.COMPUTE_METER_EXCEEDED,
						true, true, "Compute meter exceeded"),
				Arguments.of(metering(MeteringFault.STACK), null, null, false, TerminationCause.STACK_METER_EXCEEDED,
						true, false, "Stack meter exceeded"),
				Arguments.of(metering(MeteringFault.ALLOCATE), null, EXIT_FAILURE, false,
						TerminationCause.ALLOCATE_METER_EXCEEDED, true, false, "Allocate meter exceeded"),
				Arguments.of(OK, null, EXIT_FAILURE, true, TerminationCause.EXIT_WITH_FAILURE, true, true,
						"exit with failure: bad state"),
				// A plain exit keeps the delivery's effects.
				Arguments.of(OK, null, EXIT, true, TerminationCause.EXIT, false, false, "exit: \"done\""));
	}

	@ParameterizedTest
	@MethodSource("cases")
	void verdict(DeliveryReport report, @Nullable String illegal, CrankContext.@Nullable ExitRequest exit,
			boolean consumeOnAbort, @Nullable TerminationCause cause, boolean rollsBack, boolean consumed,
			@Nullable String reason) {
		DeliveryOutcome outcome = DeliveryOutcome.of(report, illegal, exit, consumeOnAbort);
		assertThat(outcome.rollsBack()).isEqualTo(rollsBack);
		assertThat(outcome.rollsBack() && outcome.consumesMessage()).isEqualTo(consumed);
		VatTermination termination = outcome.termination();
		if (cause == null) {
			assertThat(outcome).isInstanceOf(DeliveryOutcome.Completed.class);
			assertThat(termination).isNull();
		}
		else {
			assertThat(termination.cause()).isEqualTo(cause);
			assertThat(termination.reason()).isEqualTo(reason);
			// What vatAdmin tells the vat's creator: done() rejects unless the vat exited cleanly.
			assertThat(termination.reject()).isEqualTo(cause != TerminationCause.EXIT);
			if (cause == TerminationCause.ILLEGAL_SYSCALL) {
				assertThat(termination.info()).isEqualTo(SmallCaps.error("syscall translation error: prepare to die"));
			}
		}
	}

	@Test
	void aDeliveryItsMeterCannotPayForTerminatesTheVatAfterAFailureButBeforeAnExit() {
		DeliveryOutcome underflow = DeliveryOutcome.of(OK, null, true, EXIT, false);
		assertThat(underflow).isInstanceOf(DeliveryOutcome.VatFatal.class);
		assertThat(underflow.rollsBack()).isTrue();
		VatTermination termination = underflow.termination();
		assertThat(termination.cause()).isEqualTo(TerminationCause.METER_UNDERFLOW);
		assertThat(termination.info()).isEqualTo(SmallCaps.error("meter underflow, vat terminated"));
		assertThat(DeliveryOutcome.of(OK, "send: bad", true, null, false).termination().cause())
			.isEqualTo(TerminationCause.ILLEGAL_SYSCALL);
	}

}
