package org.vatkernel.state;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;

/** A kernel promise: unresolved with a decider, or settled with its resolution data. */
public record KernelPromise(String kpid, String state, @Nullable String deciderVatId, String policy, int refCount,
		@Nullable CapData data) {

	public static final String UNRESOLVED = "unresolved";

	public static final String FULFILLED = "fulfilled";

	public static final String REJECTED = "rejected";

	public boolean isUnresolved() {
		return UNRESOLVED.equals(this.state);
	}

	public boolean isRejected() {
		return REJECTED.equals(this.state);
	}

}
