package org.vatkernel.worker;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.MeterUsage;

/** What an operator can see of one live worker. */
public record WorkerInfo(String vatId, long pid, XsnapWorker.State state, Instant startedAt, long deliveries,
		@Nullable MeterUsage lastMeterUsage) {
}
