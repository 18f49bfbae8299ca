package org.vatkernel.worker;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the xsnap worker runtime is and how workers run. A packaged jar sets
 * {@code runtimeDir} to the runtime it carries ({@link EmbeddedWorkerRuntime}); elsewhere the
 * default points at what {@code ./mvnw verify} builds under {@code target/worker-runtime}.
 *
 * @param runtimeDir the directory {@code npm ci} installed the pinned runtime into, or where the
 * jar's runtime was unpacked
 * @param xsnap the {@code xsnap-worker} binary; default: the release build inside runtimeDir
 * @param lockdownBundle {@code @agoric/xsnap-lockdown}'s {@code dist/lockdown.bundle}
 * @param supervisorBundle {@code @agoric/swingset-xsnap-supervisor}'s {@code dist/supervisor.bundle}
 * @param computeLimit per-delivery compute limit ({@code -l}) for metered vats, in computrons;
 * liveslots' first {@code startVat} alone costs about 12 million
 * @param maxFrameBytes the largest netstring frame accepted from a worker (SwingSet: 12,000,000)
 * @param deliveryTimeout watchdog for a hung worker command; its expiry is an unknown death,
 * never a metering fault; 0 turns it off
 * @param shutdownGrace how long a worker may take to exit after {@code q} before it is killed
 * @param stderrTailLines how many of a worker's last stderr lines are kept for error reports
 * @param spareWorkers workers kept booted ahead of time (lockdown and supervisor evaluated, see
 * {@link SpareWorkers}) per compute limit in use; 0 boots every worker when its vat needs it
 * @param bootSnapshot whether boots restore a snapshot of lockdown and the supervisor made once
 * ({@link BootSnapshot}) instead of evaluating both every time
 */
@Validated
@ConfigurationProperties("kernel.worker")
public record WorkerProperties(@NotNull @DefaultValue("target/worker-runtime") Path runtimeDir, Path xsnap,
		Path lockdownBundle, Path supervisorBundle, @Min(0) @DefaultValue("100000000") long computeLimit,
		@Min(1024) @DefaultValue("12000000") int maxFrameBytes, @NotNull @DefaultValue("10m") Duration deliveryTimeout,
		@NotNull @DefaultValue("5s") Duration shutdownGrace, @Min(1) @DefaultValue("40") int stderrTailLines,
		@Min(0) @DefaultValue("2") int spareWorkers, @DefaultValue("true") boolean bootSnapshot) {

	public WorkerProperties {
		if (xsnap == null) {
			xsnap = runtimeDir.resolve("node_modules/@agoric/xsnap/xsnap-native/xsnap/build/bin/lin/release/xsnap-worker");
		}
		if (lockdownBundle == null) {
			lockdownBundle = runtimeDir.resolve("node_modules/@agoric/xsnap-lockdown/dist/lockdown.bundle");
		}
		if (supervisorBundle == null) {
			supervisorBundle = runtimeDir
				.resolve("node_modules/@agoric/swingset-xsnap-supervisor/dist/supervisor.bundle");
		}
	}

	/** The bundler script the build installs next to the runtime (vat sources → bundles). */
	public Path bundler() {
		return this.runtimeDir.resolve("bundle-vats.mjs");
	}

	/** SwingSet's {@code vat-vat-admin.js}, bundled by the runtime build from the pinned package. */
	public Path vatAdminBundle() {
		return this.runtimeDir.resolve("kernel-bundles/vat-admin.bundle");
	}

	/** SwingSet's {@code vat-timer.js}, bundled by the runtime build from the pinned package. */
	public Path timerBundle() {
		return this.runtimeDir.resolve("kernel-bundles/vat-timer.bundle");
	}

	/** Defaults for a runtime directory: for tests and tools outside Spring. */
	public static WorkerProperties forRuntime(Path runtimeDir) {
		return new WorkerProperties(runtimeDir, null, null, null, 100_000_000L, 12_000_000, Duration.ofMinutes(10),
				Duration.ofSeconds(5), 40, 2, true);
	}

	public WorkerProperties withXsnap(Path binary) {
		return new WorkerProperties(this.runtimeDir, binary, this.lockdownBundle, this.supervisorBundle,
				this.computeLimit, this.maxFrameBytes, this.deliveryTimeout, this.shutdownGrace, this.stderrTailLines, this.spareWorkers, this.bootSnapshot);
	}

	public WorkerProperties withSpareWorkers(int spares) {
		return new WorkerProperties(this.runtimeDir, this.xsnap, this.lockdownBundle, this.supervisorBundle,
				this.computeLimit, this.maxFrameBytes, this.deliveryTimeout, this.shutdownGrace, this.stderrTailLines,
				spares, this.bootSnapshot);
	}

	public WorkerProperties withBootSnapshot(boolean enabled) {
		return new WorkerProperties(this.runtimeDir, this.xsnap, this.lockdownBundle, this.supervisorBundle,
				this.computeLimit, this.maxFrameBytes, this.deliveryTimeout, this.shutdownGrace, this.stderrTailLines,
				this.spareWorkers, enabled);
	}

	public WorkerProperties withDeliveryTimeout(Duration timeout) {
		return new WorkerProperties(this.runtimeDir, this.xsnap, this.lockdownBundle, this.supervisorBundle,
				this.computeLimit, this.maxFrameBytes, timeout, this.shutdownGrace, this.stderrTailLines, this.spareWorkers, this.bootSnapshot);
	}

}
