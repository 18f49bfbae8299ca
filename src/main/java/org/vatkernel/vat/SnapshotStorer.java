package org.vatkernel.vat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.vatkernel.model.VatId;
import org.vatkernel.state.SnapshotStore;

/**
 * Compresses and stores heap snapshots after the crank that took them has committed, on a
 * thread of its own (the other core), so that the crank does not wait for them. Safe to lose:
 * the crank recorded the snapshot's position and hash, and a snapshot whose bytes never arrived
 * is taken again, at the same position, when its vat is next brought online
 * ({@link VatWarehouse#ensureOnline}). Stores run one at a time, in the order taken.
 */
final class SnapshotStorer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SnapshotStorer.class);

	/** A store that meets a row lock (the next snapshot of the same vat) tries again. */
	private static final int ATTEMPTS = 5;

	private final SnapshotStore snapshots;

	private final boolean keepOldSnapshots;

	private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "snapshot-store");
		t.setDaemon(true);
		return t;
	});

	private final Timer stores;

	/** Each vat's latest store not yet done, so that bringing the vat online can wait for it. */
	private final Map<VatId, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

	SnapshotStorer(SnapshotStore snapshots, boolean keepOldSnapshots, Timer stores) {
		this.snapshots = snapshots;
		this.keepOldSnapshots = keepOldSnapshots;
		this.stores = stores;
	}

	/**
	 * Stores {@code file} (then deletes it) once the current transaction commits; if it rolls
	 * back, only deletes it. Outside a transaction, stores it now.
	 */
	void storeAfterCommit(VatId vatId, long snapPos, Path file) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			store(vatId, snapPos, file);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					CompletableFuture<Void> done = new CompletableFuture<>();
					SnapshotStorer.this.pending.put(vatId, done);
					SnapshotStorer.this.thread.execute(() -> {
						try {
							store(vatId, snapPos, file);
						}
						finally {
							SnapshotStorer.this.pending.remove(vatId, done);
							done.complete(null);
						}
					});
				}
				else {
					VatWarehouse.deleteQuietly(file);
				}
			}
		});
	}

	private void store(VatId vatId, long snapPos, Path file) {
		Timer.Sample storing = Timer.start();
		try {
			byte[] compressed = SnapshotStore.compress(file);
			for (int attempt = 1;; attempt++) {
				try {
					this.snapshots.storeBytes(vatId, snapPos, compressed);
					break;
				}
				catch (DataAccessException ex) {
					if (attempt == ATTEMPTS) {
						throw ex;
					}
					Thread.sleep(50L * attempt);
				}
			}
			if (!this.keepOldSnapshots) {
				// Only older than this one, which now has its bytes: a newer snapshot still
				// waiting for its own may need this one to be taken again from.
				this.snapshots.pruneBefore(vatId, snapPos);
			}
			storing.stop(this.stores);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("could not store the heap snapshot of vat {} at {} (it will be taken again when the vat "
					+ "is next brought online): {}", vatId, snapPos, ex.toString());
		}
		finally {
			VatWarehouse.deleteQuietly(file);
		}
	}

	/**
	 * Waits (a while) for the vat's store in progress, if any: a vat brought online just after its
	 * snapshot then starts from it rather than from an older one it would have to replay from.
	 */
	void awaitPending(VatId vatId) {
		CompletableFuture<Void> done = this.pending.get(vatId);
		if (done == null) {
			return;
		}
		try {
			done.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			log.debug("heap snapshot store of vat {} still pending: {}", vatId, ex.toString());
		}
	}

	/** Waits for the stores already queued (an orderly shutdown loses none). */
	@Override
	public void close() {
		this.thread.shutdown();
		try {
			if (!this.thread.awaitTermination(60, TimeUnit.SECONDS)) {
				log.warn("heap snapshot stores still running at shutdown; they will be taken again on demand");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
