package org.vatkernel.kernel.crank;

import java.math.BigInteger;

import org.springframework.stereotype.Component;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.MeterStore;

/**
 * Charging deliveries to vatAdmin meters, as SwingSet's {@code checkMeter}/{@code deductMeter}:
 * a delivery that costs more than its meter has left aborts and terminates its vat (meter
 * underflow); the deduction happens after the crank's rollback, so it survives the abort, and
 * never goes below zero. Crossing the threshold tells vatAdmin ({@code meterCrossedThreshold}).
 */
@Component
class Meters {

	private final MeterStore meters;

	private final KernelStateStore state;

	private final KernelQueue queue;

	Meters(MeterStore meters, KernelStateStore state, KernelQueue queue) {
		this.meters = meters;
		this.state = state;
		this.queue = queue;
	}

	boolean canPay(String meterId, long computrons) {
		MeterStore.Meter meter = meter(meterId);
		return meter.unlimited() || meter.remaining().compareTo(BigInteger.valueOf(computrons)) >= 0;
	}

	void deduct(String meterId, long computrons) {
		MeterStore.Meter meter = meter(meterId);
		if (meter.unlimited()) {
			return;
		}
		BigInteger old = meter.remaining();
		BigInteger remaining = old.subtract(BigInteger.valueOf(computrons)).max(BigInteger.ZERO);
		this.meters.update(new MeterStore.Meter(meterId, remaining, meter.threshold()));
		if (remaining.compareTo(meter.threshold()) < 0 && old.compareTo(meter.threshold()) >= 0) {
			this.state.setting(VatTerminator.VAT_ADMIN_ROOT).map(KernelRef::of).ifPresent(root -> this.queue.queueToKref(root,
					CapData.of("#[\"meterCrossedThreshold\",[\"" + meterId + "\",\"+" + remaining + "\"]]"),
					ResolutionPolicy.IGNORE));
		}
	}

	private MeterStore.Meter meter(String meterId) {
		return this.meters.find(meterId).orElseThrow(() -> new IllegalStateException("no meter " + meterId));
	}

}
