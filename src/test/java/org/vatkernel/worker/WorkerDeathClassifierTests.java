package org.vatkernel.worker;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole decision table: only xsnap's meter exits during a delivery are metering faults. */
class WorkerDeathClassifierTests {

	@ParameterizedTest(name = "{0} {1} exit={2} signal={3} -> {4}")
	@CsvSource(nullValues = "-", value = {
			// phase,  failure,         exit, signal, verdict
			"DELIVERY, PIPE_CLOSED,     17,   -,  Compute meter exceeded",
			"DELIVERY, PIPE_CLOSED,     12,   -,  Stack meter exceeded",
			"DELIVERY, PIPE_CLOSED,     11,   -,  Allocate meter exceeded",
			"DELIVERY, PIPE_CLOSED,     0,    -,  -",
			"DELIVERY, PIPE_CLOSED,     1,    -,  -",
			"DELIVERY, PIPE_CLOSED,     2,    -,  -",
			"DELIVERY, PIPE_CLOSED,     15,   -,  -",
			"DELIVERY, PIPE_CLOSED,     16,   -,  -",
			"DELIVERY, PIPE_CLOSED,     255,  -,  -",
			"DELIVERY, PIPE_CLOSED,     -1,   -,  -",
			"DELIVERY, PIPE_CLOSED,     -,    9,  -",
			"DELIVERY, PIPE_CLOSED,     -,    11, -",
			"DELIVERY, PIPE_CLOSED,     -,    12, -",
			"DELIVERY, PIPE_CLOSED,     -,    15, -",
			"DELIVERY, PIPE_CLOSED,     -,    17, -",
			"DELIVERY, PIPE_CLOSED,     -,    6,  -",
			"DELIVERY, PIPE_CLOSED,     -,    -,  -",
			"DELIVERY, KILLED_BY_HOST,  17,   -,  -",
			"DELIVERY, TIMEOUT,         17,   -,  -",
			"DELIVERY, ERROR_REPLY,     17,   -,  -",
			"DELIVERY, MALFORMED_FRAME, 17,   -,  -",
			"DELIVERY, MALFORMED_REPLY, 11,   -,  -",
			"BOOT,     PIPE_CLOSED,     17,   -,  -",
			"SNAPSHOT, PIPE_CLOSED,     11,   -,  -",
			"IDLE,     PIPE_CLOSED,     12,   -,  -" })
	void classifies(WorkerPhase phase, WorkerFailure failure, Integer exit, Integer signal, String verdict) {
		ExitStatus status = new ExitStatus(exit, signal);
		MeteringFault fault = WorkerDeathClassifier.classify(phase, failure, status).meteringFault();
		assertThat(fault == null ? null : fault.problem()).isEqualTo(verdict);
	}

	@ParameterizedTest
	@CsvSource({ "137, , 9", "134, , 6", "139, , 11", "143, , 15", "17, 17, ", "255, 255, ", "0, 0, " })
	void readsJavaExitValues(int exitValue, Integer exitCode, Integer signal) {
		assertThat(ExitStatus.fromExitValue(exitValue)).isEqualTo(new ExitStatus(exitCode, signal));
	}

}
