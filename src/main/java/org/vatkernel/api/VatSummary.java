package org.vatkernel.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vatkernel.state.VatRecord;

/** A vat in the vat list. */
record VatSummary(String vatId, String name, String state, @Nullable String terminationReason,
		@Nullable Long terminatedCrank, String bundleId, Instant createdAt, boolean online) {

	static VatSummary of(VatRecord vat, boolean online) {
		return new VatSummary(vat.vatId(), vat.name(), vat.state(), vat.terminationReason(), vat.terminatedCrank(),
				vat.bundleId(), vat.createdAt(), online);
	}

}
