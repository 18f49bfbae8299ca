package org.vatkernel.kernel.crank;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.Passable;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatId;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.state.TranscriptStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.state.VatUpgradeStore;
import org.vatkernel.vat.VatWarehouse;

/**
 * SwingSet's {@code processUpgradeVat}, in one crank: a {@code bringOutYourDead} to the old
 * worker; every promise the vat decides rejected with the upgrade disconnection
 * ({@code {name: 'vatUpgraded', upgradeMessage, incarnationNumber}}); every export but the root
 * and durable objects abandoned; a new incarnation (its transcript starting here, no snapshot)
 * with the new bundle; {@code startVat} to a fresh worker, charged to its meter. If either
 * delivery fails, everything rolls back and the old incarnation keeps running; vatAdmin hears
 * the outcome through {@code vatUpgradeCallback}.
 */
@Component
class VatUpgrades {

	/** Delivers to a vat within the upgrade's crank. */
	interface Deliverer {

		CrankResults deliver(VatId vatId, VatDelivery delivery, boolean charged);

	}

	private static final Logger log = LoggerFactory.getLogger(VatUpgrades.class);

	private final VatStore vats;

	private final ClistStore clist;

	private final PromiseStore promises;

	private final KernelQueue queue;

	private final VatTranslator translator;

	private final VatTerminator terminator;

	private final VatWarehouse warehouse;

	private final SnapshotStore snapshots;

	private final TranscriptStore transcripts;

	private final VatUpgradeStore upgrades;

	private final RefCounts refCounts;

	private final KernelStateStore state;

	private final Slog slog;

	VatUpgrades(VatStore vats, ClistStore clist, PromiseStore promises, KernelQueue queue, VatTranslator translator,
			VatTerminator terminator, VatWarehouse warehouse, SnapshotStore snapshots, TranscriptStore transcripts,
			VatUpgradeStore upgrades, RefCounts refCounts, KernelStateStore state, Slog slog) {
		this.vats = vats;
		this.clist = clist;
		this.promises = promises;
		this.queue = queue;
		this.translator = translator;
		this.terminator = terminator;
		this.warehouse = warehouse;
		this.snapshots = snapshots;
		this.transcripts = transcripts;
		this.upgrades = upgrades;
		this.refCounts = refCounts;
		this.state = state;
		this.slog = slog;
	}

	CrankResults process(KernelEvent.UpgradeVat upgrade, CrankContext crank, Deliverer deliverer) {
		VatId vatId = upgrade.vatId();
		// The queued event held the parameters' slots; the new incarnation's c-list takes over.
		Runnable release = () -> this.refCounts.decrementSlots(upgrade.vatParameters());
		VatRecord vat = this.vats.find(vatId).orElse(null);
		if (vat == null || !vat.isRunning()) {
			return CrankResults.NONE.afterwards(release); // terminated already: nothing to upgrade
		}
		int oldIncarnation = vat.incarnation();
		this.slog.emit("vat-upgrade", "phase", "start", "crankNum", crank.crankNumber(), "vatID", vatId, "upgradeID",
				upgrade.upgradeId(), "fromBundleID", vat.bundleId(), "toBundleID", upgrade.bundleId(), "incarnation",
				oldIncarnation);

		CrankResults boyd = deliverer.deliver(vatId, new VatDelivery.BringOutYourDead(), false);
		if (boyd.outcome().termination() != null) {
			return aborted(upgrade, boyd, "bringOutYourDead", crank, release);
		}

		Map<String, Object> disconnection = new LinkedHashMap<>();
		disconnection.put("name", "vatUpgraded");
		disconnection.put("upgradeMessage", upgrade.upgradeMessage());
		disconnection.put("incarnationNumber", (long) oldIncarnation);
		CapData disconnectionData = Passable.encode(disconnection);
		for (KernelRef kpid : this.terminator.decidedInClistOrder(vatId)) {
			KernelPromise p = this.queue.promise(kpid);
			boolean selfSubscribed = p.isUnresolved() && this.promises.subscribers(kpid).contains(vatId);
			this.queue.resolveToError(kpid, disconnectionData, vatId, crank);
			if (!selfSubscribed && this.translator.hasEntry(vatId, kpid)) {
				this.translator.deleteEntry(vatId, kpid);
			}
		}
		// Ephemeral and virtual exports die with the incarnation; the root and durable objects live on.
		List<ClistEntry> exports = this.clist.withVrefPrefix(vatId, "o+", Integer.MAX_VALUE);
		for (ClistEntry export : exports) {
			String vref = export.vref().value();
			if (!vref.equals("o+0") && !vref.startsWith("o+d")) {
				this.translator.orphanExport(vatId, export.kref());
			}
		}

		this.warehouse.discard(vatId);
		this.snapshots.deleteVat(vatId);
		int newIncarnation = this.vats.beginIncarnation(vatId, this.transcripts.length(vatId), upgrade.bundleId());
		CapData parameters = this.translator.capDataToVat(vatId, upgrade.vatParameters());
		CrankResults started = deliverer.deliver(vatId, new VatDelivery.StartVat(parameters), true);
		if (started.outcome().termination() != null) {
			return aborted(upgrade, started, "startVat", crank, release);
		}
		this.upgrades.record(new VatUpgradeStore.Upgrade(vatId, newIncarnation, vat.bundleId(), upgrade.bundleId(),
				crank.crankNumber(), upgrade.requestedBy()));
		log.info("vat {} upgraded from incarnation {} to {} with bundle {}", vatId, oldIncarnation, newIncarnation,
				upgrade.bundleId());
		this.slog.emit("vat-upgrade", "phase", "finish", "crankNum", crank.crankNumber(), "vatID", vatId, "upgradeID",
				upgrade.upgradeId(), "outcome", "succeeded", "incarnation", newIncarnation);
		crank.upgraded(true);
		return started.afterwards(() -> {
			release.run();
			callback(upgrade.upgradeId(), "true,\"#undefined\"," + newIncarnation);
		});
	}

	/**
	 * SwingSet's {@code abortUpgrade}: the crank rolls back (the old incarnation keeps its state),
	 * the workers that saw the attempt are discarded, the item is consumed, and vatAdmin is told.
	 */
	private CrankResults aborted(KernelEvent.UpgradeVat upgrade, CrankResults failed, String phase, CrankContext crank,
			Runnable release) {
		VatId vatId = upgrade.vatId();
		String reason = failed.outcome().termination().reason();
		log.warn("vat {} failed to upgrade ({}): {}", vatId, phase, reason);
		crank.upgraded(false);
		return new CrankResults(vatId, new DeliveryOutcome.UpgradeAborted(), false, Reaper.Dirt.NONE, failed.meterId(),
				failed.computrons(), () -> {
					this.warehouse.discard(vatId);
					release.run();
					this.slog.emit("vat-upgrade", "phase", "finish", "crankNum", crank.crankNumber(), "vatID", vatId,
							"upgradeID", upgrade.upgradeId(), "outcome", "failed", "failedIn", phase, "reason", reason);
					callback(upgrade.upgradeId(), "false,{\"#error\":\"vat-upgrade failure\",\"name\":\"Error\"}");
				});
	}

	/** {@code vatUpgradeCallback(upgradeID, ...)} to vatAdmin. */
	private void callback(String upgradeId, String rest) {
		this.state.setting(VatTerminator.VAT_ADMIN_ROOT)
			.map(KernelRef::of)
			.ifPresent(root -> this.queue.queueToKref(root,
					CapData.of("#[\"vatUpgradeCallback\",[\"" + upgradeId + "\"," + rest + "]]"), ResolutionPolicy.IGNORE));
	}

}
