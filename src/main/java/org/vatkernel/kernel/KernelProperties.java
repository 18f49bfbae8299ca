package org.vatkernel.kernel;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The kernel's node-local settings. What changes what a crank commits is not here but in the
 * kernel DB ({@link KernelOptions}).
 *
 * @param config a SwingSet-style config.json applied to an empty kernel DB at start-up (ignored
 * once the DB holds a kernel)
 * @param runOnStart whether the kernel thread runs cranks as soon as the application starts;
 * when false the kernel starts paused and only {@code step} runs cranks
 * @param onWorkerDeath what an unknown worker death does: {@code halt} waits for an operator
 * (the only safe choice for a node that is one of many in consensus); {@code restart} resumes by
 * itself, up to {@code restartAttempts} times in a row with a growing back-off, then halts
 * @param restartAttempts how many automatic resumes in a row before the kernel stays halted
 * @param restartBackoff the wait before the first automatic resume; doubled for each next one
 * @param timerPollInterval how often an idle kernel polls its timer device with the wall-clock
 * time (seconds), as a chain polls it with block time; {@code 0} turns automatic polls off (an
 * operator then polls with {@code POST /api/kernel/timer/poll})
 */
@Validated
@ConfigurationProperties("kernel")
public record KernelProperties(@Nullable Path config, @DefaultValue("true") boolean runOnStart,
		@NotNull @DefaultValue("halt") OnWorkerDeath onWorkerDeath, @Min(1) @DefaultValue("5") int restartAttempts,
		@NotNull @DefaultValue("500ms") Duration restartBackoff, @NotNull @DefaultValue("1s") Duration timerPollInterval) {

	/** The policy for worker deaths. */
	public enum OnWorkerDeath {

		HALT, RESTART

	}

}
