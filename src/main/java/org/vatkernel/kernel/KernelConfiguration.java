package org.vatkernel.kernel;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kernel wiring that is not a component of its own. */
@Configuration(proxyBeanMethods = false)
class KernelConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
