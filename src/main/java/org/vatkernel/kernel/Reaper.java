package org.vatkernel.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.vatkernel.model.VatOptions;
import org.vatkernel.state.QueueStore;
import org.vatkernel.state.VatStore;

/**
 * Schedules {@code bringOutYourDead} by "dirt", as SwingSet's {@code addDirt}: each committed
 * delivery adds one delivery (a GC delivery also its krefs); when a vat's dirt reaches its
 * {@code reapInterval} or {@code reapGCKrefs}, a {@code bringOutYourDead} for it joins the reap
 * queue (once); the {@code bringOutYourDead} sweeps the dirt away.
 */
@Component
class Reaper {

	/** Dirt one crank leaves in a vat. */
	record Dirt(long deliveries, long gcKrefs) {

		static final Dirt NONE = new Dirt(0, 0);

		static final Dirt ONE_DELIVERY = new Dirt(1, 0);

	}

	private final VatStore vats;

	private final QueueStore queues;

	/** Creation options never change, so they are read once per vat. */
	private final Map<String, VatOptions> options = new ConcurrentHashMap<>();

	Reaper(VatStore vats, QueueStore queues) {
		this.vats = vats;
		this.queues = queues;
	}

	void afterDelivery(String vatId, Dirt dirt) {
		if (dirt.deliveries() == 0 && dirt.gcKrefs() == 0) {
			return;
		}
		VatOptions vat = options(vatId);
		if (vat.reapInterval() == null && vat.reapGCKrefs() == null) {
			return; // neverReap: dirt that can never trigger a reap is not kept
		}
		VatStore.ReapDirt total = this.vats.addDirt(vatId, dirt.deliveries(), dirt.gcKrefs());
		boolean due = (vat.reapInterval() != null && total.deliveries() >= vat.reapInterval())
				|| (vat.reapGCKrefs() != null && total.gcKrefs() >= vat.reapGCKrefs());
		if (due) {
			scheduleReap(vatId);
		}
	}

	/** SwingSet's {@code scheduleReap}: one {@code bringOutYourDead} per vat on the reap queue. */
	void scheduleReap(String vatId) {
		String item = KernelEvent.toJson(new KernelEvent.BringOutYourDead(vatId, false));
		if (!this.queues.contains(QueueStore.REAP, item)) {
			this.queues.append(QueueStore.REAP, item);
		}
	}

	/** After a vat's {@code bringOutYourDead}: its dirt is gone. */
	void reaped(String vatId) {
		this.vats.clearDirt(vatId);
	}

	private VatOptions options(String vatId) {
		return this.options.computeIfAbsent(vatId, id -> VatOptions.fromJson(
				this.vats.find(id).orElseThrow(() -> new IllegalStateException("no vat " + id)).options()));
	}

}
