package org.vatkernel.kernel;

import java.math.BigInteger;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Polls the timer device with the wall-clock time (whole seconds) every
 * {@code kernel.timer-poll-interval} while the kernel is running and idle, as a chain polls it
 * with each block's time. The time each poll delivered is kernel state, so replay never reads
 * the clock.
 */
@Component
class TimerPoller {

	private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);

	private final KernelService kernel;

	private final KernelRunner runner;

	private final KernelProperties properties;

	private final Clock clock;

	private ScheduledExecutorService executor;

	TimerPoller(KernelService kernel, KernelRunner runner, KernelProperties properties) {
		this.kernel = kernel;
		this.runner = runner;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		long millis = this.properties.timerPollInterval().toMillis();
		if (millis <= 0) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "timer-poll");
			t.setDaemon(true);
			return t;
		});
		this.executor.scheduleWithFixedDelay(this::pollIfIdle, millis, millis, TimeUnit.MILLISECONDS);
		log.info("polling the timer device (if the config has one) every {} while the kernel is idle",
				this.properties.timerPollInterval());
	}

	void pollIfIdle() {
		try {
			// The config is applied after start-up: whether there is a timer is asked each time.
			if (this.runner.state() != KernelState.RUNNING || !this.runner.isIdle() || !this.kernel.isInitialized()
					|| !this.kernel.timerConfigured()) {
				return;
			}
			BigInteger now = BigInteger.valueOf(this.clock.instant().getEpochSecond());
			if (now.compareTo(this.kernel.timerLastPolled()) > 0) {
				this.kernel.pollTimer(now);
			}
		}
		catch (RuntimeException ex) {
			// Halted meanwhile, or an operator polled ahead of the clock: try again next time.
			log.debug("timer poll skipped: {}", ex.getMessage());
		}
	}

	@PreDestroy
	void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

}
