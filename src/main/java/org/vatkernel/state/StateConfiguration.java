package org.vatkernel.state;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kernel DB wiring that is not a store. */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

	/** Static: it post-processes the DataSource, so it must exist before any other bean. */
	@Bean
	static BeanPostProcessor h2CommitDurability() {
		return new H2CommitDurability();
	}

}
