package org.vatkernel.kernel.crank;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.VatTermination;
import org.vatkernel.kernel.config.KernelSettings;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatOptions;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.ByteOrder;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.state.VatKvStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.vat.VatWarehouse;

/**
 * The one owner of vat termination, as SwingSet's {@code terminateVat}: marks the vat terminated
 * with its cause and reason, rejects every promise it decides with {@code vat terminated} (which
 * notifies subscribers and re-routes queued messages, to splat), schedules the release of its
 * c-list and vatstore, and discards its worker. It alone decides that a critical vat's
 * termination panics the kernel ({@link #wouldPanic}).
 */
@Component
public class VatTerminator {

	private static final Logger log = LoggerFactory.getLogger(VatTerminator.class);

	private final VatStore vats;

	private final ClistStore clist;


	private final VatKvStore vatstore;

	private final KernelQueue queue;

	private final VatWarehouse warehouse;

	private final SnapshotStore snapshots;

	static final String EXPORTS = "exports";

	static final String IMPORTS = "imports";

	static final String PROMISES = "promises";

	static final String KV = "kv";

	static final String SNAPSHOTS = "snapshots";

	private static final List<String> PHASES = List.of(EXPORTS, IMPORTS, PROMISES, KV, SNAPSHOTS);

	private final Slog slog;


	private final VatTranslator translator;

	private final KernelSettings settings;

	private final KernelStateStore state;

	VatTerminator(VatStore vats, ClistStore clist, VatKvStore vatstore, KernelQueue queue,
			VatWarehouse warehouse, SnapshotStore snapshots, Slog slog, VatTranslator translator,
			KernelSettings settings, KernelStateStore state) {
		this.state = state;
		this.slog = slog;
		this.translator = translator;
		this.settings = settings;
		this.snapshots = snapshots;
		this.vats = vats;
		this.clist = clist;
		this.vatstore = vatstore;
		this.queue = queue;
		this.warehouse = warehouse;
	}

	public void terminate(VatId vatId, VatTermination termination, CrankContext crank) {
		VatRecord vat = this.vats.find(vatId).orElse(null);
		if (vat == null) {
			// A vat whose creation the crank rolled back (its startVat failed): there is nothing to
			// release, only its creator to tell, as SwingSet's terminateVat of a vat that is not alive.
			log.warn("vat {} failed to start at crank {}: {}", vatId, crank.crankNumber(), termination.reason());
			this.slog.emit("terminate-vat", "crankNum", crank.crankNumber(), "vatID", vatId, "reason",
					termination.reason(), "cause", termination.cause().name());
			crank.terminated(termination);
			notifyVatAdmin(vatId, termination);
		}
		else if (vat.isRunning()) {
			String reason = termination.reason();
			log.warn("terminating vat {} ({}) at crank {}: {}", vatId, vat.name(), crank.crankNumber(), reason);
			this.vats.markTerminated(vatId, reason, termination.cause().name(), crank.crankNumber());
			this.slog.emit("terminate-vat", "crankNum", crank.crankNumber(), "vatID", vatId, "reason", reason, "cause",
					termination.cause().name());
			crank.terminated(termination);
			rejectDecidedPromises(vatId, crank);
			// Its state is released by cleanup cranks, a bounded amount each (cleanupStep).
			this.vats.setCleanupPhase(vatId, EXPORTS);
			if (wouldPanic(vat)) {
				crank.panic("critical vat " + vatId + " (" + vat.name() + ") failed: " + reason);
			}
			else {
				notifyVatAdmin(vatId, termination);
			}
		}
		// After a failed delivery the worker is not trusted again; after an exit it has no vat.
		this.warehouse.discard(vatId);
	}

	/**
	 * SwingSet's {@code notifyTermination}: {@code vatTerminated(vatID, reject, info)} to the
	 * vatAdmin vat, which settles the vat's {@code done()} (or rejects a pending creation). The
	 * info's capdata is embedded as is, so its slots keep their numbers.
	 */
	private void notifyVatAdmin(VatId vatId, VatTermination termination) {
		KernelRef vatAdminRoot = this.state.setting(VAT_ADMIN_ROOT).map(KernelRef::of).orElse(null);
		if (vatAdminRoot == null) {
			return; // no vatAdmin to report to
		}
		CapData info = termination.info();
		CapData methargs = new CapData("#[\"vatTerminated\",[\"" + vatId.value() + "\"," + termination.reject() + ","
				+ info.body().substring(1) + "]]", info.slots());
		this.queue.queueToKref(vatAdminRoot, methargs, ResolutionPolicy.IGNORE);
	}

	/** The kernel setting that names the vatAdmin vat's root (SwingSet's {@code vatAdminRootKref}). */
	public static final String VAT_ADMIN_ROOT = "vatAdminRootKref";

	/** Whether terminating this vat panics the kernel: it was created {@code critical}. */
	public static boolean wouldPanic(VatRecord vat) {
		return VatOptions.fromJson(vat.options()).critical();
	}

	private void rejectDecidedPromises(VatId vatId, CrankContext crank) {
		decidedInClistOrder(vatId).forEach(kpid -> this.queue.resolveToError(kpid, KernelQueue.VAT_TERMINATED, vatId, crank));
	}

	/** The promises a vat decides, in the order SwingSet walks its c-list: by vref, byte-wise. */
	List<KernelRef> decidedInClistOrder(VatId vatId) {
		List<KernelRef> decided = this.queue.decidedBy(vatId);
		if (decided.isEmpty()) {
			return decided;
		}
		Map<KernelRef, String> vrefs = this.clist.forVat(vatId)
			.stream()
			.collect(Collectors.toMap(ClistEntry::kref, e -> e.vref().value()));
		Function<KernelRef, String> order = kpid -> vrefs.getOrDefault(kpid, "\uffff" + kpid);
		return decided.stream().sorted(Comparator.comparing(order, ByteOrder::compare)).toList();
	}

	/**
	 * One cleanup crank for a terminated vat, SwingSet's {@code cleanupAfterTerminatedVat}: up to
	 * {@code cleanupBudget} (a consensus kernel option) items of the current phase — exports (orphaned; importers keep
	 * them until they drop them), imports and promises (released like any c-list entry, which may
	 * let other vats' exports be dropped), vatstore keys — then its snapshots, and it is done.
	 * Its transcript is kept, for operators.
	 */
	void cleanupStep(VatId vatId) {
		int budget = this.settings.current().cleanupBudget();
		String phase = this.vats.find(vatId).map(VatRecord::cleanupPhase).orElse(null);
		if (phase == null) {
			return;
		}
		int done = switch (phase) {
			case EXPORTS -> {
				List<ClistEntry> exports = this.clist.withVrefPrefix(vatId, "o+", budget);
				exports.forEach(export -> this.translator.orphanExport(vatId, export.kref()));
				yield exports.size();
			}
			case IMPORTS, PROMISES -> {
				String prefix = phase.equals(IMPORTS) ? "o-" : "p";
				List<ClistEntry> entries = this.clist.withVrefPrefix(vatId, prefix, budget);
				entries.forEach(entry -> this.translator.deleteEntry(vatId, entry.kref()));
				yield entries.size();
			}
			case KV -> this.vatstore.deleteSome(vatId, budget);
			default -> {
				this.snapshots.deleteVat(vatId);
				yield 0;
			}
		};
		if (done < budget) {
			String nextPhase = PHASES.indexOf(phase) + 1 < PHASES.size() ? PHASES.get(PHASES.indexOf(phase) + 1) : null;
			this.vats.setCleanupPhase(vatId, nextPhase);
		}
		this.slog.emit("vat-cleanup", "vatID", vatId, "phase", phase, "count", done);
	}

}
