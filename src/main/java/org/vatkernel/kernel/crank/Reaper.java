package org.vatkernel.kernel.crank;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.vatkernel.kernel.KernelOptions;
import org.vatkernel.kernel.config.KernelSettings;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatOptions;
import org.vatkernel.state.QueueStore;
import org.vatkernel.state.VatStore;
import org.vatkernel.vat.VatWarehouse;

/**
 * The one owner of {@code bringOutYourDead} scheduling. By "dirt", as SwingSet's
 * {@code addDirt}: each committed delivery adds one delivery (a GC delivery also its krefs);
 * when a vat's dirt reaches its {@code reapInterval} or {@code reapGCKrefs}, a
 * {@code bringOutYourDead} for it joins the reap queue; the {@code bringOutYourDead} sweeps the
 * dirt away. By transcript length, as SwingSet's {@code maybeSaveSnapshot}: once a vat's
 * transcript has grown by {@code snapshotInitial}/{@code snapshotInterval} entries, its
 * {@code bringOutYourDead} is one followed by a heap snapshot. A vat never has two on the reap
 * queue: a snapshot request upgrades a queued plain one in place.
 */
@Component
public class Reaper {

	/** Dirt one crank leaves in a vat. */
	record Dirt(long deliveries, long gcKrefs) {

		static final Dirt NONE = new Dirt(0, 0);

		static final Dirt ONE_DELIVERY = new Dirt(1, 0);

	}

	private final VatStore vats;

	private final QueueStore queues;

	/** Creation options never change, so they are read once per vat. */
	private final Map<VatId, VatOptions> options = new ConcurrentHashMap<>();

	private final VatWarehouse warehouse;

	private final KernelSettings settings;

	Reaper(VatStore vats, QueueStore queues, VatWarehouse warehouse, KernelSettings settings) {
		this.vats = vats;
		this.queues = queues;
		this.warehouse = warehouse;
		this.settings = settings;
	}

	/**
	 * After a delivery that left the vat running, with the transcript length it left: a
	 * {@code bringOutYourDead} with a snapshot when one is due.
	 */
	void afterTranscriptEntry(VatId vatId, long transcriptLength) {
		if (snapshotDue(vatId, transcriptLength)) {
			schedule(vatId, true);
		}
	}

	/**
	 * Whether the vat's transcript has grown enough for a snapshot: to {@code snapshotInitial}
	 * entries when it has none yet, else by {@code snapshotInterval} since its last one.
	 */
	private boolean snapshotDue(VatId vatId, long transcriptLength) {
		KernelOptions options = this.settings.current();
		if (options.snapshotInterval() == 0) {
			return false;
		}
		Long since = this.warehouse.snapshotPosition(vatId).orElse(null);
		if (since == null) {
			int initial = options.snapshotInitial();
			return transcriptLength >= (initial > 0 ? initial : options.snapshotInterval());
		}
		return transcriptLength - since >= options.snapshotInterval();
	}

	void afterDelivery(VatId vatId, Dirt dirt) {
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
	public void scheduleReap(VatId vatId) {
		schedule(vatId, false);
	}

	private void schedule(VatId vatId, boolean snapshot) {
		String withSnapshot = KernelEvent.toJson(new KernelEvent.BringOutYourDead(vatId, true));
		if (this.queues.contains(QueueName.REAP, withSnapshot)) {
			return;
		}
		String plain = KernelEvent.toJson(new KernelEvent.BringOutYourDead(vatId, false));
		if (snapshot) {
			if (!this.queues.replace(QueueName.REAP, plain, withSnapshot)) {
				this.queues.append(QueueName.REAP, withSnapshot);
			}
		}
		else if (!this.queues.contains(QueueName.REAP, plain)) {
			this.queues.append(QueueName.REAP, plain);
		}
	}

	/** After a vat's {@code bringOutYourDead}: its dirt is gone. */
	void reaped(VatId vatId) {
		this.vats.clearDirt(vatId);
	}

	private VatOptions options(VatId vatId) {
		return this.options.computeIfAbsent(vatId, id -> VatOptions.fromJson(
				this.vats.find(id).orElseThrow(() -> new IllegalStateException("no vat " + id)).options()));
	}

}
