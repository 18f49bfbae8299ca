package org.vatkernel.kernel;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.model.VatRef;
import org.vatkernel.model.VatState;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.GcActionStore;
import org.vatkernel.state.MeterStore;
import org.vatkernel.state.VatUpgradeStore;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.state.TestLogStore;
import org.vatkernel.state.TranscriptStore;
import org.vatkernel.state.VatKvStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.vat.VatWarehouse;
import org.vatkernel.worker.WorkerInfo;
import tools.jackson.databind.JsonNode;

/**
 * The read side for vats: the vat list, one vat's detail, its c-list, vatstore, transcript and
 * test log. As {@link KernelQueries}: one read-only repeatable-read transaction per call, the
 * kernel's own view records, pages fetched one row beyond {@code limit}.
 */
@Service
public class VatQueries {

	private final TransactionTemplate reads;

	private final VatStore vats;

	private final ClistStore clist;

	private final VatKvStore vatstore;

	private final TranscriptStore transcripts;

	private final SnapshotStore snapshots;

	private final TestLogStore testLog;

	private final GcActionStore gcActions;

	private final VatWarehouse warehouse;

	private final MeterStore meters;

	private final VatUpgradeStore upgrades;

	VatQueries(PlatformTransactionManager transactionManager, VatStore vats, ClistStore clist, VatKvStore vatstore,
			TranscriptStore transcripts, SnapshotStore snapshots, TestLogStore testLog, GcActionStore gcActions,
			VatWarehouse warehouse, MeterStore meters, VatUpgradeStore upgrades) {
		this.meters = meters;
		this.upgrades = upgrades;
		this.reads = KernelQueries.snapshotReads(transactionManager);
		this.vats = vats;
		this.clist = clist;
		this.vatstore = vatstore;
		this.transcripts = transcripts;
		this.snapshots = snapshots;
		this.testLog = testLog;
		this.gcActions = gcActions;
		this.warehouse = warehouse;
	}

	/**
	 * A vat in the vat list. {@code source} says who created it ({@code config}, {@code vatAdmin}:
	 * another vat, {@code operator}); {@code parentVatId} is the vat that asked vatAdmin, when the
	 * kernel could tell; {@code meter} the vatAdmin meter it is charged to.
	 */
	public record VatSummary(VatId vatId, String name, VatState state, @Nullable String terminationReason,
			@Nullable TerminationCause terminationCause, @Nullable Long terminatedCrank, String bundleId,
			Instant createdAt, boolean online, boolean dynamic, String source, @Nullable VatId parentVatId,
			@Nullable Meter meter) {
	}

	/** An upgrade that began an incarnation: from which bundle to which, at which crank, asked by whom. */
	public record Upgrade(int incarnation, String fromBundleId, String toBundleId, long crank,
			@Nullable String requestedBy) {
	}

	/** A vatAdmin meter: computrons remaining ({@code unlimited} for an unlimited meter) and its threshold. */
	public record Meter(String meterId, String remaining, String threshold) {
	}

	/**
	 * Everything an operator asks about one vat. {@code deliveries} and {@code transcriptLength}
	 * are the same number here: every transcript entry is one committed delivery (snapshots are
	 * not written into the transcript as SwingSet's pseudo-entries).
	 */
	public record VatDetail(VatId vatId, String name, VatState state, @Nullable String terminationReason,
			@Nullable TerminationCause terminationCause, @Nullable Long terminatedCrank, boolean terminatedByOperator,
			String bundleId, JsonNode creationOptions, Instant createdAt, Worker worker, long deliveries,
			long transcriptLength, @Nullable Snapshot lastSnapshot, long totalComputrons, long clistSize,
			long vatstoreSize, long pendingGcActions, boolean dynamic, String source, @Nullable VatId parentVatId,
			@Nullable Meter meter, int incarnation, List<Upgrade> upgrades) {

		/** The vat's worker: online with its process id, or offline. */
		public record Worker(boolean online, @Nullable Long pid, @Nullable Instant startedAt,
				@Nullable Long deliveriesSinceStart) {
		}

		/** The in-use heap snapshot. */
		public record Snapshot(long position, long size, long compressedSize, String hash, Instant time) {
		}

	}

	/** A c-list entry: kref ↔ vref, and whether the vat can still reach it. */
	public record ClistEntry(VatId vatId, KernelRef kref, VatRef vref, boolean reachable) {
	}

	/** A vatstore key and its value. */
	public record VatstoreEntry(String key, String value) {
	}

	/** A transcript entry at its position, as SwingSet's {@code {d, sc, r}} JSON. */
	public record TranscriptEntry(long position, JsonNode entry) {
	}

	/** A {@code vatPowers.testLog} line, with the crank that wrote it. */
	public record TestLogLine(long seq, long crank, VatId vatId, String line) {
	}

	public List<VatSummary> vats(String afterVatId, @Nullable VatState state, @Nullable String name, int limit) {
		return read(() -> this.vats.page(afterVatId, state, name, limit + 1)
			.stream()
			.map(v -> new VatSummary(v.vatId(), v.name(), v.state(), v.terminationReason(), cause(v),
					v.terminatedCrank(), v.bundleId(), v.createdAt(), this.warehouse.isOnline(v.vatId()), v.dynamic(),
					v.source(), v.parentVatId(), meter(v)))
			.toList());
	}

	/** A vat's name and the computrons its committed deliveries used. */
	public record VatComputrons(VatId vatId, String name, long computrons) {
	}

	/** The {@code limit} vats that used the most computrons, most first. */
	public List<VatComputrons> computronsByVat(int limit) {
		return read(() -> this.transcripts.computronsByVat(limit)
			.entrySet()
			.stream()
			.map(e -> new VatComputrons(e.getKey(), this.vats.find(e.getKey()).map(VatRecord::name).orElse("?"),
					e.getValue()))
			.toList());
	}

	public VatDetail vat(VatId vatId) {
		return read(() -> {
			VatRecord vat = find(vatId);
			WorkerInfo worker = this.warehouse.worker(vatId).orElse(null);
			VatDetail.Worker workerView = worker == null ? new VatDetail.Worker(false, null, null, null)
					: new VatDetail.Worker(true, worker.pid(), worker.startedAt(), worker.deliveries());
			long length = this.transcripts.length(vatId);
			VatDetail.Snapshot snapshot = this.snapshots.current(vatId)
				.map(s -> new VatDetail.Snapshot(s.snapPos(), s.uncompressedSize(), s.compressedSize(), s.hash(),
						s.createdAt()))
				.orElse(null);
			TerminationCause cause = cause(vat);
			return new VatDetail(vat.vatId(), vat.name(), vat.state(), vat.terminationReason(), cause,
					vat.terminatedCrank(), cause == TerminationCause.OPERATOR, vat.bundleId(),
					VatProtocolJson.parse(vat.options()), vat.createdAt(), workerView, length, length, snapshot,
					this.transcripts.totalComputrons(vatId), this.clist.size(vatId), this.vatstore.size(vatId),
					this.gcActions.countForVat(vatId), vat.dynamic(), vat.source(), vat.parentVatId(), meter(vat),
					vat.incarnation(), this.upgrades.history(vatId)
						.stream()
						.map(u -> new Upgrade(u.incarnation(), u.fromBundle(), u.toBundle(), u.crank(), u.requestedBy()))
						.toList());
		});
	}

	public List<ClistEntry> clist(VatId vatId, String afterKref, int limit) {
		return read(() -> {
			find(vatId);
			return this.clist.page(vatId, afterKref, limit + 1)
				.stream()
				.map(e -> new ClistEntry(e.vatId(), e.kref(), e.vref(), e.reachable()))
				.toList();
		});
	}

	public List<VatstoreEntry> vatstore(VatId vatId, String afterKey, int limit) {
		return read(() -> {
			find(vatId);
			return this.vatstore.page(vatId, afterKey, limit + 1)
				.stream()
				.map(e -> new VatstoreEntry(e.key(), e.value()))
				.toList();
		});
	}

	public List<TranscriptEntry> transcript(VatId vatId, long fromPosition, int limit) {
		return transcript(vatId, fromPosition, limit, null);
	}

	/** As {@link #transcript(VatId, long, int)}, of one incarnation only when {@code incarnation} is given. */
	public List<TranscriptEntry> transcript(VatId vatId, long fromPosition, int limit, @Nullable Integer incarnation) {
		return read(() -> {
			find(vatId);
			return this.transcripts.page(vatId, fromPosition, limit + 1, incarnation)
				.stream()
				.map(e -> new TranscriptEntry(e.position(), VatProtocolJson.parse(e.item())))
				.toList();
		});
	}

	public List<TestLogLine> testLog(VatId vatId, long afterSeq, int limit) {
		return read(() -> {
			find(vatId);
			return this.testLog.forVat(vatId, afterSeq, limit + 1)
				.stream()
				.map(l -> new TestLogLine(l.seq(), l.crank(), l.vatId(), l.line()))
				.toList();
		});
	}

	private VatRecord find(VatId vatId) {
		return this.vats.find(vatId).orElseThrow(() -> new UnknownVatException(vatId));
	}

	private @Nullable Meter meter(VatRecord vat) {
		if (vat.meterId() == null) {
			return null;
		}
		return this.meters.find(vat.meterId())
			.map(m -> new Meter(m.meterId(), m.unlimited() ? "unlimited" : m.remaining().toString(), m.threshold().toString()))
			.orElse(null);
	}

	/** Null for a running vat, and for one terminated before causes were recorded. */
	private static @Nullable TerminationCause cause(VatRecord vat) {
		return vat.terminationCause() == null ? null : TerminationCause.valueOf(vat.terminationCause());
	}

	private <T> T read(Supplier<T> work) {
		return this.reads.execute(status -> work.get());
	}

}
