package org.vatkernel.kernel;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.VatId;
import org.vatkernel.worker.MeteringFault;

/**
 * A crank that committed: what it did and where its time went. {@code workerTime} is the time
 * the worker spent on the delivery as the worker layer measures it (zero for routing cranks),
 * so {@code wallTime - workerTime} is the kernel's own cost of the crank.
 *
 * @param kind {@code routed}, {@code delivered} or {@code empty} (a run-queue item that
 * delivered nothing, e.g. a send to a terminated vat)
 * @param deliveryType the delivery's type ({@code message}, {@code notify}, {@code startVat},
 * {@code bringOutYourDead}) when a vat got one
 * @param computrons what the delivery used (0 when the worker reported none)
 * @param meteringFault the meter the delivery exhausted, if it did
 * @param terminations the vats this crank terminated: why, as a kind and as text
 * @param upgraded whether the vat upgrade this crank processed succeeded; null if it had none
 * @param activityHash the activity hash this crank sealed (SwingSet's, over this kernel's rows)
 * @param activityHashTime what computing and storing it cost the crank
 */
public record CrankFinished(long crankNumber, String kind, @Nullable VatId vatId, @Nullable String deliveryType,
		Duration wallTime, Duration workerTime, long computrons, @Nullable MeteringFault meteringFault,
		List<VatTermination> terminations, @Nullable Boolean upgraded, @Nullable String activityHash,
		Duration activityHashTime) {

	public CrankFinished {
		terminations = List.copyOf(terminations);
	}

	public CrankFinished(long crankNumber, String kind, @Nullable VatId vatId, @Nullable String deliveryType,
			Duration wallTime, Duration workerTime, long computrons, @Nullable MeteringFault meteringFault,
			List<VatTermination> terminations) {
		this(crankNumber, kind, vatId, deliveryType, wallTime, workerTime, computrons, meteringFault, terminations, null,
				null, Duration.ZERO);

	}


	public Duration kernelTime() {
		return this.wallTime.minus(this.workerTime);
	}

}
