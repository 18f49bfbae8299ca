package org.vatkernel.state;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One row of the vat table. {@code options} is the creation options as JSON. */
public record VatRecord(String vatId, String name, String bundleId, String options, String state,
		@Nullable String terminationReason, @Nullable String terminationCause, @Nullable Long terminatedCrank,
		Instant createdAt,
		@Nullable String cleanupPhase) {

	public static final String RUNNING = "RUNNING";

	public static final String TERMINATED = "TERMINATED";

	public boolean isRunning() {
		return RUNNING.equals(this.state);
	}

}
