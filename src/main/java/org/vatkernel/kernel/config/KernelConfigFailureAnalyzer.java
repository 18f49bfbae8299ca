package org.vatkernel.kernel.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A config the kernel refuses, as a start-up failure report naming the file and the setting. */
class KernelConfigFailureAnalyzer extends AbstractFailureAnalyzer<KernelConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KernelConfigException cause) {
		return new FailureAnalysis(String.valueOf(cause.getMessage()),
				"Fix the config that kernel.config names (the README's \"Running your own vats\" lists what it "
						+ "accepts), or start without kernel.config. Nothing was written to the kernel DB.",
				cause);
	}

}
