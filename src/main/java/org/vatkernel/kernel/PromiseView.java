package org.vatkernel.kernel;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatId;
import tools.jackson.databind.JsonNode;

/**
 * A kernel promise as the host sees it: its state, decider, policy, reference count,
 * subscribers and queue, and once settled its resolution as capdata plus, where the data is
 * plain, decoded JSON ({@code value}) and, for a rejection with an error, the error's message.
 */
public record PromiseView(KernelRef kpid, PromiseState state, @Nullable VatId decider, ResolutionPolicy policy, int refCount,
		List<VatId> subscribers, long queueLength, @Nullable CapData resolution, @Nullable JsonNode value,
		@Nullable String errorMessage) {
}
