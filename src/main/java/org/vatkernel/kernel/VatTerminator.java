package org.vatkernel.kernel;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.model.VatOptions;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.ByteOrder;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.state.VatKvStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.vat.VatWarehouse;

/**
 * Terminates a vat, as SwingSet's {@code terminateVat}: marks it terminated with its reason,
 * rejects every promise it decides with {@code vat terminated} (which notifies subscribers and
 * re-routes queued messages, to splat), orphans its exports, releases its c-list and vatstore,
 * and stops its worker. A critical vat's termination panics the kernel instead.
 */
@Component
class VatTerminator {

	private static final Logger log = LoggerFactory.getLogger(VatTerminator.class);

	private final VatStore vats;

	private final ClistStore clist;

	private final ObjectStore objects;

	private final VatKvStore vatstore;

	private final KernelQueue queue;

	private final VatWarehouse warehouse;

	private final SnapshotStore snapshots;

	private final Slog slog;

	VatTerminator(VatStore vats, ClistStore clist, ObjectStore objects, VatKvStore vatstore, KernelQueue queue,
			VatWarehouse warehouse, SnapshotStore snapshots, Slog slog) {
		this.slog = slog;
		this.snapshots = snapshots;
		this.vats = vats;
		this.clist = clist;
		this.objects = objects;
		this.vatstore = vatstore;
		this.queue = queue;
		this.warehouse = warehouse;
	}

	void terminate(String vatId, String reason, CrankContext crank) {
		VatRecord vat = this.vats.find(vatId).orElseThrow(() -> new IllegalStateException("no vat " + vatId));
		if (vat.isRunning()) {
			log.warn("terminating vat {} ({}) at crank {}: {}", vatId, vat.name(), crank.crankNumber(), reason);
			this.vats.markTerminated(vatId, reason, crank.crankNumber());
			this.slog.emit("terminate-vat", "crankNum", crank.crankNumber(), "vatID", vatId, "reason", reason);
			crank.terminated(reason);
			rejectDecidedPromises(vatId, crank);
			release(vatId);
			if (VatOptions.fromJson(vat.options()).critical()) {
				crank.panic("critical vat " + vatId + " (" + vat.name() + ") failed: " + reason);
			}
		}
		this.warehouse.discard(vatId);
	}

	/** In the order SwingSet walks the dead vat's c-list: by vref, byte-wise. */
	private void rejectDecidedPromises(String vatId, CrankContext crank) {
		List<String> decided = this.queue.decidedBy(vatId);
		if (decided.isEmpty()) {
			return;
		}
		Map<String, String> vrefs = this.clist.forVat(vatId)
			.stream()
			.collect(Collectors.toMap(ClistEntry::kref, ClistEntry::vref));
		Function<String, String> order = kpid -> vrefs.getOrDefault(kpid, "\uffff" + kpid);
		decided.stream()
			.sorted(Comparator.comparing(order, ByteOrder::compare))
			.forEach(kpid -> this.queue.resolveToError(kpid, KernelQueue.VAT_TERMINATED, vatId, crank));
	}

	/** SwingSet defers this cleanup over later cranks; one vat's state is small enough here. */
	private void release(String vatId) {
		this.objects.ownedBy(vatId).forEach(this.objects::orphan);
		this.clist.deleteVat(vatId);
		this.vatstore.deleteVat(vatId);
		this.snapshots.deleteVat(vatId);
	}

}
