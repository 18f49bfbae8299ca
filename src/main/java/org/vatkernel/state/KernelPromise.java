package org.vatkernel.state;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatId;

/** A kernel promise: unresolved with a decider, or settled with its resolution data. */
public record KernelPromise(KernelRef kpid, PromiseState state, @Nullable VatId deciderVatId, ResolutionPolicy policy,
		int refCount, @Nullable CapData data) {

	public boolean isUnresolved() {
		return this.state == PromiseState.UNRESOLVED;
	}

	public boolean isRejected() {
		return this.state == PromiseState.REJECTED;
	}

}
