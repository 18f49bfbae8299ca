package org.vatkernel.kernel.crank;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.VatId;

/**
 * The consequences of one crank's delivery (SwingSet's CrankResults): which vat, the
 * outcome, whether its transcript entry may bring a snapshot, the dirt it leaves, the
 * computrons to deduct from the vat's meter (after any rollback: the deduction survives an
 * aborted crank), and what else must happen after the rollback.
 */
record CrankResults(@Nullable VatId vatId, DeliveryOutcome outcome, boolean mayScheduleSnapshot,
		Reaper.Dirt dirt, @Nullable String meterId, long computrons, @Nullable Runnable afterwards) {

	static final CrankResults NONE = new CrankResults(null, DeliveryOutcome.COMPLETED, false, Reaper.Dirt.NONE,
			null, 0, null);

	CrankResults withDirt(Reaper.Dirt dirt) {
		return new CrankResults(this.vatId, this.outcome, this.mayScheduleSnapshot, dirt, this.meterId,
				this.computrons, this.afterwards);
	}

	CrankResults withSnapshot(boolean mayScheduleSnapshot) {
		return new CrankResults(this.vatId, this.outcome, mayScheduleSnapshot, this.dirt, this.meterId,
				this.computrons, this.afterwards);
	}

	CrankResults withOutcome(DeliveryOutcome outcome) {
		return new CrankResults(this.vatId, outcome, this.mayScheduleSnapshot, this.dirt, this.meterId,
				this.computrons, this.afterwards);
	}

	CrankResults afterwards(Runnable afterwards) {
		return new CrankResults(this.vatId, this.outcome, this.mayScheduleSnapshot, this.dirt, this.meterId,
				this.computrons, afterwards);
	}

}
