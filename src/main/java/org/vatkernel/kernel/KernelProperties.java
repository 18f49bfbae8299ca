package org.vatkernel.kernel;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kernel settings.
 *
 * @param config a SwingSet-style config.json applied to an empty kernel DB at start-up (ignored
 * once the DB holds a kernel)
 * @param runOnStart whether the kernel thread runs cranks as soon as the application starts;
 * when false the kernel starts paused and only {@code step} runs cranks
 */
@ConfigurationProperties("kernel")
public record KernelProperties(@Nullable Path config, @DefaultValue("true") boolean runOnStart) {
}
