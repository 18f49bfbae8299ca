package org.vatkernel.kernel;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.VatId;

/**
 * Why the kernel stopped running cranks: what failed, where, and when; for a worker death the
 * last lines the worker wrote to stderr (also at the end of {@code message}), so that a reader
 * can show them apart.
 */
public record HaltReason(String message, @Nullable VatId vatId, @Nullable Integer exitCode,
		@Nullable Integer signal, long crankNumber, Instant time, @Nullable String stderrTail) {
}
