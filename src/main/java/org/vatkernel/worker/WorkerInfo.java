package org.vatkernel.worker;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.MeterUsage;
import org.vatkernel.model.VatId;

/** What an operator can see of one live worker. */
public record WorkerInfo(VatId vatId, long pid, XsnapWorker.State state, Instant startedAt, long deliveries,
		@Nullable MeterUsage lastMeterUsage) {
}
