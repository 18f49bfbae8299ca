package org.vatkernel.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vatkernel.state.VatRecord;
import tools.jackson.databind.JsonNode;

/** A vat as the API shows it. */
record VatView(String vatId, String name, String state, String bundleId, JsonNode options,
		@Nullable String terminationReason, @Nullable Long terminatedCrank, Instant createdAt, boolean online) {

	static VatView of(VatRecord vat, boolean online) {
		return new VatView(vat.vatId(), vat.name(), vat.state(), vat.bundleId(),
				org.vatkernel.model.VatProtocolJson.parse(vat.options()), vat.terminationReason(), vat.terminatedCrank(),
				vat.createdAt(), online);
	}

}
