package org.vatkernel.kernel;

import org.jspecify.annotations.Nullable;

/** What {@code GET /api/kernel} shows. */
public record KernelStatus(KernelState state, long crankNumber, long acceptanceQueueLength, long runQueueLength,
		@Nullable HaltReason haltReason, @Nullable String bootstrapResult) {
}
