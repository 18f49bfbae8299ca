package org.vatkernel.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/vats/{vatId}/upgrade} (SwingSet's {@code controller.upgradeStaticVat}): the
 * installed bundle of the new code, the new incarnation's parameters (plain JSON) and the
 * message the old incarnation's promises are rejected with.
 */
record UpgradeVatRequest(@NotBlank @Pattern(regexp = "b1-[0-9a-f]{128}", message = "must be a bundle id (b1-<128 hex>)") String bundleId,
		@Nullable JsonNode vatParameters, @Nullable @Size(max = 1000) String upgradeMessage) {
}
