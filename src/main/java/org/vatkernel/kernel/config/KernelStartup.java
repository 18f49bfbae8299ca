package org.vatkernel.kernel.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.KernelProperties;
import org.vatkernel.kernel.KernelRunner;

/**
 * Brings the kernel up once the application is ready: applies {@code kernel.config} to an
 * empty DB (never again afterwards), then lets the kernel thread run. Until then the kernel is
 * {@link KernelState#STARTING}.
 */
@Component
class KernelStartup {

	private static final Logger log = LoggerFactory.getLogger(KernelStartup.class);

	private final KernelProperties properties;

	private final KernelInitializer initializer;

	private final VatBundler bundler;

	private final KernelRunner runner;

	KernelStartup(KernelProperties properties, KernelInitializer initializer, VatBundler bundler, KernelRunner runner) {
		this.properties = properties;
		this.runner = runner;
		this.initializer = initializer;
		this.bundler = bundler;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.properties.config() != null) {
			if (this.initializer.isInitialized()) {
				log.info("kernel DB already holds a kernel; {} is not applied again", this.properties.config());
			}
			else {
				log.info("applying kernel config {}", this.properties.config());
				this.initializer.initialize(KernelConfig.load(this.properties.config(), this.bundler));
			}
		}
		this.initializer.ensureRefcounts();
		this.runner.started(this.properties.runOnStart());
	}

}
