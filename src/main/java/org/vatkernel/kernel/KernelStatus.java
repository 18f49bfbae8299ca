package org.vatkernel.kernel;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/kernel} shows: state, crank number, the consensus state hash, queue
 * lengths, workers online, and once halted what halted it.
 */
public record KernelStatus(KernelState state, long crankNumber, String stateHash, long acceptanceQueueLength,
		long runQueueLength, long reapQueueLength, int workersOnline, @Nullable HaltReason haltReason,
		@Nullable String bootstrapResult) {
}
