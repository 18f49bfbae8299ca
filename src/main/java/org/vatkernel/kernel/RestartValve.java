package org.vatkernel.kernel;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restart policy of {@code kernel.on-worker-death}: under {@code restart}, a worker death
 * schedules an automatic resume after a back-off that doubles with each death in a row, until
 * {@code kernel.restart-attempts} of them found no crank committing in between; then the valve
 * closes and the kernel stays halted until an operator resumes it. Under {@code halt} it does
 * nothing: the kernel waits for an operator.
 */
final class RestartValve {

	private static final Logger log = LoggerFactory.getLogger(RestartValve.class);

	private final KernelProperties properties;

	/** Automatic resumes since the last crank that committed (or the last operator resume). */
	private volatile int attemptsInARow;

	private volatile boolean exhausted;

	private volatile @Nullable String lastCause;

	private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "kernel-restart");
		t.setDaemon(true);
		return t;
	});

	RestartValve(KernelProperties properties) {
		this.properties = properties;
	}

	private boolean enabled() {
		return this.properties.onWorkerDeath() == KernelProperties.OnWorkerDeath.RESTART;
	}

	/** The valve's state for the status and health; null under {@code halt}. */
	@Nullable AutomaticRestarts status() {
		if (!enabled()) {
			return null;
		}
		return new AutomaticRestarts(this.attemptsInARow, this.properties.restartAttempts(), this.exhausted,
				this.lastCause);
	}

	/** A crank committed: the deaths so far are no longer "in a row". */
	void crankCommitted() {
		this.attemptsInARow = 0;
	}

	/** An operator looked and resumed: the valve opens again. */
	void operatorResumed() {
		this.attemptsInARow = 0;
		this.exhausted = false;
	}

	/** A worker died in a crank: schedules {@code resume} if the policy and the valve allow. */
	void workerDied(String cause, Runnable resume) {
		this.lastCause = cause;
		if (!enabled() || this.restarts.isShutdown()) {
			return;
		}
		if (this.attemptsInARow >= this.properties.restartAttempts()) {
			this.exhausted = true;
			log.error("kernel.on-worker-death=restart: {} automatic resumes in a row did not help (last cause {});"
					+ " staying halted until an operator resumes", this.attemptsInARow, cause);
			return;
		}
		long delay = this.properties.restartBackoff().toMillis() << Math.min(this.attemptsInARow, 10);
		this.attemptsInARow++;
		log.warn("kernel.on-worker-death=restart: resuming in {} ms (attempt {} of {})", delay, this.attemptsInARow,
				this.properties.restartAttempts());
		this.restarts.schedule(resume, delay, TimeUnit.MILLISECONDS);
	}

	void shutdown() {
		this.restarts.shutdownNow();
	}

}
