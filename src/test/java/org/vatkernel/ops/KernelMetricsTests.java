package org.vatkernel.ops;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.vatkernel.kernel.TerminationCause;

import static org.assertj.core.api.Assertions.assertThat;

/** The termination metric's tag comes from the cause, never from the reason text, and stays a few kinds. */
class KernelMetricsTests {

	@Test
	void terminationTagsAreTheFewStableKinds() {
		Set<String> tags = Arrays.stream(TerminationCause.values())
			.map(TerminationCause::metricTag)
			.collect(Collectors.toSet());
		assertThat(tags).containsExactlyInAnyOrder("metering", "illegal-syscall", "delivery-error", "exit",
				"exit-with-failure", "operator", "meter-underflow", "terminate-with-failure", "creation-failed");
		assertThat(TerminationCause.COMPUTE_METER_EXCEEDED.metricTag()).isEqualTo("metering");
		assertThat(TerminationCause.ALLOCATE_METER_EXCEEDED.metricTag()).isEqualTo("metering");
	}

}
