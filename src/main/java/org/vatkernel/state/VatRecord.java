package org.vatkernel.state;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatState;

/** One row of the vat table. {@code options} is the creation options as JSON. */
public record VatRecord(VatId vatId, String name, String bundleId, String options, VatState state,
		@Nullable String terminationReason, @Nullable String terminationCause, @Nullable Long terminatedCrank,
		Instant createdAt,
		@Nullable String cleanupPhase, String source, @Nullable VatId parentVatId, @Nullable String meterId,
		int incarnation, long incarnationStart) {

	/** Created from the config (a static vat). */
	public static final String CONFIG = "config";

	/** Created by another vat, through vatAdmin. */
	public static final String VAT_ADMIN = "vatAdmin";

	/** Created by an operator ({@code POST /api/vats}). */
	public static final String OPERATOR = "operator";

	/** Created after start-up (by a vat or an operator), as SwingSet's dynamic vats. */
	public boolean dynamic() {
		return !CONFIG.equals(this.source);
	}

	public boolean isRunning() {
		return this.state == VatState.RUNNING;
	}

}
