package org.vatkernel.kernel;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Why the kernel stopped running cranks: what failed, where, and when. */
public record HaltReason(String message, @Nullable String vatId, @Nullable Integer exitCode,
		@Nullable Integer signal, long crankNumber, Instant time) {
}
