package org.vatkernel.state;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatState;

/** One row of the vat table. {@code options} is the creation options as JSON. */
public record VatRecord(VatId vatId, String name, String bundleId, String options, VatState state,
		@Nullable String terminationReason, @Nullable String terminationCause, @Nullable Long terminatedCrank,
		Instant createdAt,
		@Nullable String cleanupPhase) {

	public boolean isRunning() {
		return this.state == VatState.RUNNING;
	}

}
