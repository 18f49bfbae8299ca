package org.vatkernel.worker;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.VatDeliveryResult;

/**
 * A delivery that produced a result: liveslots' own result, or a metering fault. {@code elapsed}
 * is the wall time the worker took (for the kernel's overhead metrics; never consensus state).
 */
public record DeliveryReport(VatDeliveryResult result, Duration elapsed, @Nullable MeteringFault meteringFault) {

	public boolean isMeteringFault() {
		return this.meteringFault != null;
	}

}
