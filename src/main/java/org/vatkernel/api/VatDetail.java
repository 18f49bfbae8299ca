package org.vatkernel.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything an operator asks about one vat. {@code deliveries} and {@code transcriptLength}
 * are the same number here: every transcript entry is one committed delivery (snapshots are
 * not written into the transcript as SwingSet's pseudo-entries).
 */
record VatDetail(String vatId, String name, String state, @Nullable String terminationReason,
		@Nullable Long terminatedCrank, boolean terminatedByOperator, String bundleId, JsonNode creationOptions,
		Instant createdAt, Worker worker, long deliveries, long transcriptLength, @Nullable Snapshot lastSnapshot,
		long totalComputrons, long clistSize, long vatstoreSize, long pendingGcActions) {

	/** The vat's worker: online with its process id, or offline. */
	record Worker(boolean online, @Nullable Long pid, @Nullable Instant startedAt, @Nullable Long deliveriesSinceStart) {
	}

	/** The in-use heap snapshot. */
	record Snapshot(long position, long size, long compressedSize, String hash, Instant time) {
	}

}
