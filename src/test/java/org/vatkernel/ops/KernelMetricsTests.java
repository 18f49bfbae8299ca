package org.vatkernel.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Termination reasons are free text; the metric's tag must stay one of a few kinds. */
class KernelMetricsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Compute meter exceeded                                      | metering
			Allocate meter exceeded                                     | metering
			exit: "done"                                                | exit
			exit with failure: bad state                                | exit-with-failure
			syscall translation error: prepare to die (vat v2 ...)      | illegal-syscall
			delivery failed: TypeError: x is not a function             | delivery-error
			""")
	void reasonCategory(String reason, String category) {
		assertThat(KernelMetrics.reasonCategory(reason)).isEqualTo(category);
	}

}
