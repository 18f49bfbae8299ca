package org.vatkernel.kernel;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/kernel} shows: state, crank number, the activity hash (SwingSet's chain
 * over every committed crank's and host write's consensus writes; {@code activityHashCrankNumber}
 * is the last crank it covers; the whole-DB state hash is an audit call of its own), queue
 * lengths, workers online (of at most {@code maxWorkersOnline}), what garbage collection keeps track of (kernel objects and promises,
 * c-list entries, pending GC actions), once halted what halted it, and under
 * {@code kernel.on-worker-death=restart} the restart valve (null under {@code halt}), and the
 * consensus kernel options in force.
 */
public record KernelStatus(KernelState state, long crankNumber, String activityHash, long activityHashCrankNumber,

		long acceptanceQueueLength,
		long runQueueLength, long reapQueueLength, int workersOnline, int maxWorkersOnline, long kernelObjects, long kernelPromises,
		long clistEntries, long pendingGcActions, @Nullable HaltReason haltReason, @Nullable String bootstrapResult,
		@Nullable AutomaticRestarts automaticRestarts, KernelOptions options) {
}
