package org.vatkernel.vat;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many workers run at once, and what happens to old heap snapshots: node-local choices.
 * When snapshots are taken is a consensus option in the kernel DB (the kernel's
 * {@code KernelOptions}), since the {@code bringOutYourDead} before each enters the transcript.
 *
 * @param maxWorkersOnline at most this many vats have a live worker; the least recently used
 * is stopped to make room and brought back from its snapshot and transcript when needed
 * @param keepOldSnapshots keep superseded snapshots (operators can audit them) or delete them
 * @param snapshotStore when a heap snapshot's bytes are compressed and stored: after the crank
 * that took it commits, on another thread ({@code after-commit}), or inside that crank
 * ({@code in-crank}); {@code auto} (the default) lets the kernel choose by engine, and is
 * after-commit on both H2 and PostgreSQL (the faster on each, {@code docs/benchmarks.md})
 */
@Validated
@ConfigurationProperties("kernel.warehouse")
public record VatWarehouseProperties(@Min(1) @DefaultValue("50") int maxWorkersOnline,
		@DefaultValue("true") boolean keepOldSnapshots, @DefaultValue("auto") SnapshotStoreMode snapshotStore) {

	/** See {@link VatWarehouseProperties#snapshotStore}. */
	public enum SnapshotStoreMode {

		AUTO, AFTER_COMMIT, IN_CRANK

	}

}
