package org.vatkernel.kernel.config;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at start-up which properties this node was given that no longer do anything, and what
 * replaced them. Spring ignores unknown properties silently; an operator who still sets
 * {@code kernel.snapshot-interval} must learn that the snapshot cadence is now the config's (and
 * the kernel DB's), the same on every node, and not this node's choice.
 */
@Component
class RetiredProperties {

	private static final Logger log = LoggerFactory.getLogger(RetiredProperties.class);

	static final Map<String, String> RETIRED = Map.of(
			"kernel.snapshot-interval", "the config's snapshotInterval (in the kernel DB; change it with POST /api/kernel/options)",
			"kernel.snapshot-initial", "the config's snapshotInitial (in the kernel DB; change it with POST /api/kernel/options)",
			"kernel.cleanup-budget", "the config's cleanupBudget (in the kernel DB; change it with POST /api/kernel/options)",
			"kernel.max-workers-online", "kernel.warehouse.max-workers-online",
			"kernel.keep-old-snapshots", "kernel.warehouse.keep-old-snapshots");

	private final Environment environment;

	RetiredProperties(Environment environment) {
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warn() {
		RETIRED.forEach((name, replacement) -> {
			if (this.environment.containsProperty(name)) {
				log.warn("{} has no effect any more (set to {}): use {}", name, this.environment.getProperty(name),
						replacement);
			}
		});
	}

}
