package org.vatkernel.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.AutomaticRestarts;
import org.vatkernel.kernel.HaltReason;
import org.vatkernel.kernel.KernelRunner;
import org.vatkernel.kernel.KernelState;

/**
 * The {@code kernel} health: UP while running, OUT_OF_SERVICE while starting or paused, DOWN once
 * halted, with what halted it (vat, exit code or signal, crank, time) and, under
 * {@code kernel.on-worker-death=restart}, the restart valve (attempts in a row, of how many,
 * whether it closed, the last cause).
 */
@Component("kernel")
class KernelHealthIndicator implements HealthIndicator {

	private final KernelRunner runner;

	KernelHealthIndicator(KernelRunner runner) {
		this.runner = runner;
	}

	@Override
	public Health health() {
		KernelState state = this.runner.state();
		if (state == KernelState.HALTED) {
			Health.Builder down = Health.down().withDetail("state", state);
			HaltReason reason = this.runner.haltReason();
			if (reason != null) {
				down.withDetail("reason", reason.message()).withDetail("crank", reason.crankNumber())
					.withDetail("time", reason.time().toString());
				if (reason.vatId() != null) {
					down.withDetail("vatId", reason.vatId());
				}
				if (reason.exitCode() != null) {
					down.withDetail("exitCode", reason.exitCode());
				}
				if (reason.signal() != null) {
					down.withDetail("signal", reason.signal());
				}
			}
			AutomaticRestarts restarts = this.runner.automaticRestarts();
			if (restarts != null) {
				down.withDetail("automaticRestarts", restarts);
			}
			return down.build();
		}
		if (state == KernelState.PAUSED || state == KernelState.STARTING) {
			return Health.outOfService().withDetail("state", state).build();
		}
		return Health.up().withDetail("state", state).build();
	}

}
