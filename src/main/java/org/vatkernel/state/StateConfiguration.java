package org.vatkernel.state;

import javax.sql.DataSource;

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

	/** Static for the same reason: it must see the pool before the pool starts. */
	@Bean
	static BeanPostProcessor h2StatementCache() {
		return new H2StatementCache();
	}

	/**
	 * Puts the crank buffer on the kernel DB's connections. Not ordered, so it runs after any
	 * ordered post-processor and wraps outermost.
	 */
	@Bean
	static BeanPostProcessor crankBufferDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof DataSource dataSource && !(bean instanceof BufferedDataSource)
						? new BufferedDataSource(dataSource) : bean;
			}
		};
	}

}
