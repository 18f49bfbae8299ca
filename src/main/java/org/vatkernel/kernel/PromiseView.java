package org.vatkernel.kernel;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import tools.jackson.databind.JsonNode;

/**
 * A kernel promise as the host sees it: its state, decider and queue, and once settled its
 * resolution as capdata plus, where the data is plain, decoded JSON ({@code value}) and, for a
 * rejection with an error, the error's message.
 */
public record PromiseView(String kpid, String state, @Nullable String decider, long queueLength,
		@Nullable CapData resolution, @Nullable JsonNode value, @Nullable String errorMessage) {
}
