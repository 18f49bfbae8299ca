package org.vatkernel.kernel;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/kernel} shows: state, crank number, the consensus state hash (as of
 * {@code stateHashCrankNumber}: recomputed at most every ten seconds while cranks run), queue
 * lengths, workers online (of at most {@code maxWorkersOnline}), what garbage collection keeps track of (kernel objects and promises,
 * c-list entries, pending GC actions), once halted what halted it, and under
 * {@code kernel.on-worker-death=restart} the restart valve (null under {@code halt}), and the
 * consensus kernel options in force.
 */
public record KernelStatus(KernelState state, long crankNumber, String stateHash, long stateHashCrankNumber,
		long acceptanceQueueLength,
		long runQueueLength, long reapQueueLength, int workersOnline, int maxWorkersOnline, long kernelObjects, long kernelPromises,
		long clistEntries, long pendingGcActions, @Nullable HaltReason haltReason, @Nullable String bootstrapResult,
		@Nullable AutomaticRestarts automaticRestarts, KernelOptions options) {
}
