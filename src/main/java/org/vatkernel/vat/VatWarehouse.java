package org.vatkernel.vat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;


import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.model.TranscriptEntry;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatOptions;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.model.VatSyscall;
import org.vatkernel.model.VatSyscallResult;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.state.TranscriptStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.worker.DeliveryReport;
import org.vatkernel.worker.HeapSnapshot;
import org.vatkernel.worker.LiveSlotsOptions;
import org.vatkernel.worker.SyscallHandler;
import org.vatkernel.worker.WorkerManager;

/**
 * Decides which vats have a live worker and brings a vat online on demand: from its in-use
 * heap snapshot (or a fresh worker with the vat's bundle), then a replay of the transcript
 * entries after it, answering each syscall from the record and touching nothing in the DB. A
 * worker is only ever a cache of what the DB says; at most {@code maxWorkersOnline} run at once.
 */
@Component
public class VatWarehouse implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(VatWarehouse.class);

	private final WorkerManager workers;

	private final VatStore vats;

	private final BundleStore bundles;

	private final TranscriptStore transcripts;

	private final SnapshotStore snapshots;

	private final VatWarehouseProperties properties;

	/** Vats with a worker, least recently used first. */
	private final LinkedHashMap<VatId, Boolean> recentlyUsed = new LinkedHashMap<>(16, 0.75f, true);

	private final Timer snapshotWrites;

	private final Timer snapshotLoads;

	private final Counter replayedDeliveries;

	private final Slog slog;

	/** Stores heap snapshots after their crank commits (see {@link #saveSnapshot}). */
	private final SnapshotStorer storer;

	/** Compresses heap snapshots beside the worker's restart, when they are stored in the crank. */
	private final ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "snapshot-compressor");
		thread.setDaemon(true);
		return thread;
	});

	public VatWarehouse(WorkerManager workers, VatStore vats, BundleStore bundles, TranscriptStore transcripts,
			SnapshotStore snapshots, VatWarehouseProperties properties, MeterRegistry meters, Slog slog) {
		this.slog = slog;
		this.snapshotWrites = Timer.builder("kernel.snapshot.writes")
			.description("Heap snapshots taken in a crank: w, the worker's restart from it, its row")
			.register(meters);
		this.snapshotLoads = Timer.builder("kernel.snapshot.loads")
			.description("Vats brought online from a heap snapshot: DB read, decompression, restore")
			.register(meters);
		this.replayedDeliveries = Counter.builder("kernel.replayed.deliveries")
			.description("Transcript entries replayed to bring vats online")
			.register(meters);
		this.workers = workers;
		this.vats = vats;
		this.bundles = bundles;
		this.transcripts = transcripts;
		this.snapshots = snapshots;
		this.properties = properties;
		this.storer = new SnapshotStorer(snapshots, properties.keepOldSnapshots(),
				Timer.builder("kernel.snapshot.stores")
					.description("Heap snapshots compressed and stored after their crank committed")
					.register(meters));
	}

	/** Waits for the heap snapshot stores already queued. */
	@Override
	public void close() {
		this.storer.close();
		this.compressor.shutdown();
	}

	/** Delivers to a vat, bringing it online first if needed. */
	public DeliveryReport deliver(VatId vatId, VatDelivery delivery, SyscallHandler handler) {
		ensureOnline(vatId);
		return this.workers.deliver(vatId, delivery, handler);
	}

	public void ensureOnline(VatId vatId) {
		synchronized (this.recentlyUsed) {
			if (this.workers.isOnline(vatId)) {
				this.recentlyUsed.put(vatId, Boolean.TRUE);
				return;
			}
			this.recentlyUsed.remove(vatId);
			while (this.recentlyUsed.size() >= this.properties.maxWorkersOnline()) {
				VatId evicted = this.recentlyUsed.keySet().iterator().next();
				this.recentlyUsed.remove(evicted);
				log.debug("evicting the worker of vat {} (max {} online)", evicted, this.properties.maxWorkersOnline());
				this.workers.stop(evicted);
			}
			this.recentlyUsed.put(vatId, Boolean.TRUE);
		}
		VatRecord vat = this.vats.find(vatId).orElseThrow(() -> new IllegalStateException("no vat " + vatId));
		VatOptions options = VatOptions.fromJson(vat.options());
		// Only the current incarnation is replayed: from its snapshot, or from its first entry.
		long replayFrom = vat.incarnationStart();
		SnapshotStore.SnapshotInfo snapshot = this.snapshots.current(vatId).orElse(null);
		if (snapshot != null && !snapshot.stored()) {
			// Only then: a crank that removed the vat's snapshots (an upgrade) holds the row the
			// store would write, and waiting for it there only ran into the timeout.
			this.storer.awaitPending(vatId);
			snapshot = this.snapshots.current(vatId).orElse(null);
		}
		boolean bytesLost = snapshot != null && !snapshot.stored();
		if (bytesLost) {
			// Its bytes were lost (the process died after the crank that took it committed, before
			// they were stored): start from an older one and take it again on the way.
			snapshot = this.snapshots.newestStored(vatId, vat.incarnationStart(), snapshot.snapPos()).orElse(null);
		}
		if (snapshot != null) {
			Path file = tempFile(vatId);
			Timer.Sample loading = Timer.start();
			try {
				this.snapshots.load(vatId, snapshot.snapPos(), file);
				this.workers.startFromSnapshot(vatId, vat.name(), file,
						this.workers.computeLimit(options.metered(), options.computeLimit()));
				long nanos = loading.stop(this.snapshotLoads);
				this.slog.emit("heap-snapshot-load", "vatID", vatId, "snapPos", snapshot.snapPos(), "hash",
						snapshot.hash(), "millis", nanos / 1_000_000);
			}
			finally {
				deleteQuietly(file);
			}
			replayFrom = snapshot.snapPos();
		}
		else {
			String bundle = this.bundles.find(vat.bundleId())
				.orElseThrow(() -> new IllegalStateException("vat " + vatId + " has no bundle " + vat.bundleId()));
			this.workers.start(vatId, vat.name(), bundle, this.workers.computeLimit(options.metered(), options.computeLimit()),
					new LiveSlotsOptions(options.enableDisavow(), options.relaxDurabilityRules()));
		}
		// The in-use snapshot is the newest: only when its bytes are missing can any be.
		List<SnapshotStore.SnapshotInfo> lostSnapshots = bytesLost ? this.snapshots.unstoredAfter(vatId, replayFrom)
				: List.of();
		for (SnapshotStore.SnapshotInfo lost : lostSnapshots) {
			replay(vatId, replayFrom, lost.snapPos());
			takeAgain(vatId, vat, options, lost);
			replayFrom = lost.snapPos();
		}
		replay(vatId, replayFrom, Long.MAX_VALUE);
	}

	/**
	 * A snapshot whose bytes were lost, taken again where the replay reached its position: the
	 * same heap (checked by its hash, as a replayed delivery is checked by its syscalls), stored
	 * now, and the worker restarted from it, so its history is the one the vat had.
	 */
	private void takeAgain(VatId vatId, VatRecord vat, VatOptions options, SnapshotStore.SnapshotInfo lost) {
		Path file = tempFile(vatId);
		try {
			HeapSnapshot written = this.workers.snapshot(vatId, file);
			if (!written.sha256().equals(lost.hash())) {
				discard(vatId);
				throw new ReplayDivergenceException(vatId, lost.snapPos(),
						"heap snapshot " + written.sha256() + ", recorded " + lost.hash());
			}
			this.workers.stop(vatId);
			this.workers.startFromSnapshot(vatId, vat.name(), file,
					this.workers.computeLimit(options.metered(), options.computeLimit()));
			this.snapshots.storeBytes(vatId, lost.snapPos(), SnapshotStore.compress(file));
			log.info("took the lost heap snapshot of vat {} at {} again (hash {})", vatId, lost.snapPos(), lost.hash());
			this.slog.emit("heap-snapshot-save", "vatID", vatId, "snapPos", lost.snapPos(), "hash", lost.hash(),
					"retaken", true);
		}
		finally {
			deleteQuietly(file);
		}
	}

	/** Replays the entries at positions in {@code [fromPosition, toPosition)}. */
	private void replay(VatId vatId, long fromPosition, long toPosition) {
		List<TranscriptStore.TranscriptEntry> entries = this.transcripts.entries(vatId, fromPosition)
			.stream()
			.filter(entry -> entry.position() < toPosition)
			.toList();
		if (entries.isEmpty()) {
			return;
		}
		log.info("replaying {} transcript entries of vat {} from position {}", entries.size(), vatId, fromPosition);
		this.replayedDeliveries.increment(entries.size());
		this.slog.emit("start-replay", "vatID", vatId, "fromPosition", fromPosition, "deliveries", entries.size());
		for (TranscriptStore.TranscriptEntry entry : entries) {
			TranscriptEntry recorded = TranscriptEntry.decode(entry.item());
			ReplayHandler handler = new ReplayHandler(vatId, entry.position(), recorded.syscalls());
			DeliveryReport report = this.workers.deliver(vatId, recorded.delivery(), handler);
			handler.finish();
			String recordedStatus = recorded.status();
			if (!report.result().status().equals(recordedStatus)) {
				discard(vatId);
				throw new ReplayDivergenceException(vatId, entry.position(),
						"delivery status " + report.result().status() + ", recorded " + recordedStatus);
			}
		}
		this.slog.emit("finish-replay", "vatID", vatId, "deliveries", entries.size());
	}

	/** Where the vat's in-use heap snapshot stands in its transcript (empty: it has none). */
	public java.util.Optional<Long> snapshotPosition(VatId vatId) {
		return this.snapshots.currentPosition(vatId);
	}

	/**
	 * Writes the vat's heap snapshot and records it (in the caller's transaction) as covering the
	 * whole transcript so far; then, as SwingSet does, continues on a worker restarted from it, so
	 * that every node's worker has the same history from here on. Its bytes are compressed and
	 * stored after the crank commits ({@link SnapshotStorer}), not on the crank's path.
	 */
	public SnapshotStore.SnapshotInfo saveSnapshot(VatId vatId) {
		ensureOnline(vatId);
		VatRecord vat = this.vats.find(vatId).orElseThrow();
		long snapPos = this.transcripts.length(vatId);
		Path file = tempFile(vatId);
		Timer.Sample writing = Timer.start();
		boolean handedOver = false;
		CompletableFuture<byte[]> compressed = null;
		try {
			long started = System.nanoTime();
			HeapSnapshot written = this.workers.snapshot(vatId, file);
			long afterWrite = System.nanoTime();
			boolean afterCommit = storesAfterCommit();
			if (!afterCommit) {
				// Compressed on the other core while the worker restarts from the same file.
				compressed = CompletableFuture.supplyAsync(() -> SnapshotStore.compress(file), this.compressor);
			}
			this.workers.stop(vatId);
			VatOptions options = VatOptions.fromJson(vat.options());
			this.workers.startFromSnapshot(vatId, vat.name(), file,
					this.workers.computeLimit(options.metered(), options.computeLimit()));
			long afterRestart = System.nanoTime();
			if (afterCommit) {
				this.snapshots.recordTaken(vatId, snapPos, written.sha256(), written.size());
				this.storer.storeAfterCommit(vatId, snapPos, file);
				handedOver = true;
			}
			else {
				this.snapshots.save(vatId, snapPos, written.sha256(), written.size(), join(compressed));
				if (!this.properties.keepOldSnapshots()) {
					this.snapshots.pruneOld(vatId);
				}
			}
			long nanos = writing.stop(this.snapshotWrites);
			this.slog.emit("heap-snapshot-save", "vatID", vatId, "snapPos", snapPos, "hash", written.sha256(), "millis",
					nanos / 1_000_000, "writeMillis", (afterWrite - started) / 1_000_000, "restartMillis",
					(afterRestart - afterWrite) / 1_000_000, "storeMillis", (System.nanoTime() - afterRestart) / 1_000_000);
		}
		finally {
			if (compressed != null) {
				// Never delete the file under the compressor.
				compressed.handle((bytes, ex) -> null).join();
			}
			if (!handedOver) {
				deleteQuietly(file);
			}
		}
		log.info("saved a heap snapshot of vat {} at transcript position {}", vatId, snapPos);
		return this.snapshots.current(vatId).orElseThrow();
	}

	/** Stops a vat's worker in an orderly way (eviction, shutdown). */
	public void stop(VatId vatId) {
		synchronized (this.recentlyUsed) {
			this.recentlyUsed.remove(vatId);
		}
		this.workers.stop(vatId);
	}

	/** Throws a worker away: its heap may be ahead of the committed state. */
	public void discard(VatId vatId) {
		synchronized (this.recentlyUsed) {
			this.recentlyUsed.remove(vatId);
		}
		this.workers.kill(vatId);
		this.workers.stop(vatId);
	}

	public void discardAll() {
		this.workers.workers().forEach(w -> discard(w.vatId()));
	}

	public boolean isOnline(VatId vatId) {
		return this.workers.isOnline(vatId);
	}

	/** The vat's live worker, if it has one. */
	public java.util.Optional<org.vatkernel.worker.WorkerInfo> worker(VatId vatId) {
		return this.workers.worker(vatId);
	}

	/** At most this many vats have a worker online (its property {@code max-workers-online}). */
	public int maxOnline() {
		return this.properties.maxWorkersOnline();
	}

	public int onlineCount() {
		return this.workers.workers().size();
	}

	private static Path tempFile(VatId vatId) {
		try {
			return Files.createTempFile("vatkernel-" + vatId + "-", ".xss");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where this node stores a snapshot's bytes ({@link VatWarehouseProperties#snapshotStore}). */
	private boolean storesAfterCommit() {
		return switch (this.properties.snapshotStore()) {
			// auto: after the commit on both engines since snapshot bytes live outside their row
			// (V10); before that, H2 measured slower that way.
			case AUTO, AFTER_COMMIT -> true;
			case IN_CRANK -> false;
		};
	}

	/** The compressed snapshot; the compressor's own exception if it failed. */
	private static byte[] join(CompletableFuture<byte[]> compressed) {
		try {
			return compressed.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	static void deleteQuietly(Path file) {

		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("could not delete {}: {}", file, ex.getMessage());
		}
	}

	/** Answers a replayed delivery's syscalls from the transcript, comparing each one. */
	private final class ReplayHandler implements SyscallHandler {

		private final VatId vatId;

		private final long position;

		private final List<TranscriptEntry.Syscall> recorded;

		private int next;

		ReplayHandler(VatId vatId, long position, List<TranscriptEntry.Syscall> syscalls) {
			this.vatId = vatId;
			this.position = position;
			this.recorded = syscalls;
		}

		@Override
		public VatSyscallResult handle(VatSyscall syscall) {
			String actual = VatProtocolJson.write(VatProtocolJson.encodeSyscall(syscall));
			if (this.next >= this.recorded.size()) {
				throw new ReplayDivergenceException(this.vatId, this.position, "extra syscall " + actual);
			}
			TranscriptEntry.Syscall expected = this.recorded.get(this.next++);
			String recordedSyscall = VatProtocolJson.write(VatProtocolJson.encodeSyscall(expected.syscall()));
			if (!recordedSyscall.equals(actual)) {
				throw new ReplayDivergenceException(this.vatId, this.position,
						"syscall " + actual + " where the transcript has " + recordedSyscall);
			}
			return expected.result();
		}

		void finish() {
			if (this.next != this.recorded.size()) {
				discard(this.vatId);
				throw new ReplayDivergenceException(this.vatId, this.position,
						"only " + this.next + " of " + this.recorded.size() + " recorded syscalls were made");
			}
		}

	}

}
