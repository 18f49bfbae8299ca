package org.vatkernel.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/vats}: an installed bundle, an optional unique name, vat parameters (plain
 * JSON) and SwingSet creation options ({@code critical}, {@code metered}, {@code reapInterval}…).
 */
record CreateVatRequest(@NotNull @Pattern(regexp = Ids.BUNDLE_ID, message = Ids.BUNDLE_ID_MESSAGE) String bundleId,
		@Nullable @Size(min = 1, max = 200) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
				message = "must be letters, digits, '.', '_' or '-'") String name,
		@Nullable JsonNode parameters, @Nullable JsonNode creationOptions) {
}
