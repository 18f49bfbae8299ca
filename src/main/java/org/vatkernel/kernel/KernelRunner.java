package org.vatkernel.kernel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vatkernel.kernel.crank.CrankContext;
import org.vatkernel.kernel.crank.CrankProcessor;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.VatId;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.CrankBuffer;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.vat.VatWarehouse;

/**
 * The single kernel thread. Every crank runs on it, one at a time, each in its own
 * transaction; SwingSet forbids reentrancy, and a single writer keeps cranks deterministic.
 * A crank that throws — a worker death, a panic, a kernel bug — rolls back entirely, the
 * workers are discarded (their heaps may be ahead of the DB) and the kernel halts.
 */
@Component
public class KernelRunner {

	private static final Logger log = LoggerFactory.getLogger(KernelRunner.class);

	private final CrankProcessor processor;

	private final TransactionTemplate transactions;

	private final VatWarehouse warehouse;

	private final KernelStateStore state;

	private final Clock clock;

	private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "kernel");
		t.setDaemon(true);
		return t;
	});

	/** Host injections and cranks both write the kernel DB; they take turns. */
	private final ReentrantLock writeLock = new ReentrantLock();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private volatile KernelState kernelState = KernelState.STARTING;

	private volatile @Nullable HaltReason haltReason;

	private final RestartValve restartValve;

	private final CrankListeners listeners;

	private final Slog slog;

	private final RefCounts refCounts;

	private final CrankBuffer buffer;

	KernelRunner(CrankProcessor processor, PlatformTransactionManager transactionManager, VatWarehouse warehouse,
			KernelStateStore state, Clock clock, KernelProperties properties, CrankListeners listeners, Slog slog,
			RefCounts refCounts, CrankBuffer buffer) {
		this.buffer = buffer;
		this.slog = slog;
		this.refCounts = refCounts;
		this.restartValve = new RestartValve(properties);
		this.listeners = listeners;
		this.processor = processor;
		this.transactions = new TransactionTemplate(transactionManager);
		this.warehouse = warehouse;
		this.state = state;
		this.clock = clock;
	}

	public KernelState state() {
		return this.kernelState;
	}

	public @Nullable HaltReason haltReason() {
		return this.haltReason;
	}

	/** The restart valve, under {@code kernel.on-worker-death=restart}; null under {@code halt}. */
	public @Nullable AutomaticRestarts automaticRestarts() {
		return this.restartValve.status();
	}

	/** Runs a host write (an injection) in its own short transaction, between cranks. */
	public <T> T write(Supplier<T> work) {
		this.writeLock.lock();
		try {
			return this.transactions.execute(status -> {
				this.refCounts.reset();
				T result = work.get();
				// A host write may release references too (an operator's termination).
				this.refCounts.processRefcounts();
				this.buffer.flush();
				return result;
			});
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/** Starts running cranks while there is work (unless halted). */
	public void run() {
		if (this.kernelState != KernelState.HALTED) {
			this.kernelState = KernelState.RUNNING;
			wake();
		}
	}

	/**
	 * Start-up is done ({@code kernel.config} applied or the DB found initialized): leaves
	 * {@link KernelState#STARTING} for running, or for paused with {@code kernel.run-on-start=false}.
	 * An operator's pause during start-up stands.
	 */
	public void started(boolean run) {
		if (this.kernelState == KernelState.STARTING) {
			if (run) {
				run();
			}
			else {
				this.kernelState = KernelState.PAUSED;
			}
		}
	}

	/**
	 * Clears a halt: every worker is discarded (they are rebuilt from the DB on demand) and the
	 * crank that failed runs again from the start, so no message is lost and none is delivered
	 * twice. Also leaves a pause.
	 * @return whether the kernel was halted
	 */
	public boolean resume() {
		return resume(true);
	}

	/**
	 * @param discardAll whether to throw away every worker (an operator's resume) or only what the
	 * halt already discarded (the automatic restart after a worker death)
	 */
	private boolean resume(boolean discardAll) {
		Future<Boolean> resumed = this.thread.submit(() -> {
			boolean wasHalted = this.kernelState == KernelState.HALTED;
			if (wasHalted) {
				log.warn("resuming the kernel after a halt: {}", this.haltReason == null ? "" : this.haltReason.message());
				if (discardAll) {
					this.warehouse.discardAll();
					this.restartValve.operatorResumed();
				}
				this.haltReason = null;
				this.slog.emit("kernel-resume", "discardedWorkers", discardAll);
			}
			if (this.kernelState == KernelState.STARTING) {
				return false; // start-up decides (see started); nothing ran yet
			}
			this.kernelState = KernelState.RUNNING;
			return wasHalted;
		});
		try {
			boolean wasHalted = resumed.get();
			wake();
			return wasHalted;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public void pause() {
		if (this.kernelState == KernelState.RUNNING || this.kernelState == KernelState.STARTING) {
			this.kernelState = KernelState.PAUSED;
		}
	}

	/** There may be new work: run it on the kernel thread. */
	public void wake() {
		if (this.kernelState == KernelState.RUNNING && this.scheduled.compareAndSet(false, true)) {
			this.thread.execute(this::runWhileWork);
		}
	}

	private void runWhileWork() {
		this.scheduled.set(false);
		while (this.kernelState == KernelState.RUNNING) {
			if (crank() == CrankProcessor.Outcome.NOTHING) {
				return;
			}
		}
	}

	/**
	 * Runs exactly one crank on the kernel thread and waits for it.
	 * @return whether there was work
	 * @throws KernelHaltedException if the kernel is halted (or halts in this crank)
	 */
	public boolean step() {
		Future<CrankProcessor.Outcome> outcome = this.thread.submit(() -> {
			if (this.kernelState == KernelState.HALTED) {
				throw new KernelHaltedException(this.haltReason);
			}
			CrankProcessor.Outcome o = crank();
			if (this.kernelState == KernelState.HALTED) {
				throw new KernelHaltedException(this.haltReason);
			}
			return o;
		});
		try {
			return outcome.get() != CrankProcessor.Outcome.NOTHING;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a crank", ex);
		}
	}

	/** Whether the kernel thread has no crank scheduled right now. */
	public boolean isIdle() {
		return !this.scheduled.get();
	}

	/** Waits until the kernel thread has nothing queued (for tests and orderly shutdown). */
	public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(timeout);
		while (System.nanoTime() < deadline) {
			Future<Boolean> idle = this.thread.submit(() -> !this.scheduled.get());
			try {
				if (idle.get() && !this.scheduled.get()) {
					return true;
				}
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex);
			}
			Thread.sleep(5);
		}
		return false;
	}

	private CrankProcessor.Outcome crank() {
		this.writeLock.lock();
		try {
			long started = System.nanoTime();
			CrankProcessor.Processed processed = this.transactions.execute(status -> {
				CrankProcessor.Processed next = this.processor.processNext(status);
				// The crank's buffered writes go now, so that a DB error is the crank's (it halts
				// the kernel with that error) rather than the commit's.
				this.buffer.flush();
				return next;
			});
			CrankProcessor.Outcome outcome = processed.outcome();
			if (outcome != CrankProcessor.Outcome.NOTHING) {
				this.restartValve.crankCommitted();
				this.listeners.finished(finished(processed, System.nanoTime() - started));
			}
			return outcome;
		}
		catch (RuntimeException ex) {
			// The crank rolled back, so the counter still holds the failed crank's number.
			halt(ex, failedCrankNumber());
			return CrankProcessor.Outcome.NOTHING;
		}
		finally {
			MDC.remove("crankNum");
			this.writeLock.unlock();
		}
	}

	private long failedCrankNumber() {
		try {
			return this.state.crankNumber();
		}
		catch (RuntimeException ex) {
			return -1; // the DB itself is failing
		}
	}

	private static CrankFinished finished(CrankProcessor.Processed processed, long wallNanos) {
		CrankContext crank = processed.crank();
		String kind = switch (processed.outcome()) {
			case ROUTED -> "routed";
			case DELIVERED -> "delivered";
			default -> "empty";
		};
		return new CrankFinished(crank.crankNumber(), kind, crank.deliveredTo(), crank.deliveryType(),
				Duration.ofNanos(wallNanos), Duration.ofNanos(crank.workerNanos()), crank.computrons(),
				crank.meteringFault(), crank.terminations(), crank.upgraded(), crank.activityHash(),
				Duration.ofNanos(crank.activityHashNanos()));


	}

	private void halt(RuntimeException cause, long crankNumber) {
		HaltClassifier.Halt halt = HaltClassifier.classify(cause, crankNumber, Instant.now(this.clock));
		HaltReason reason = halt.reason();
		VatId vatId = reason.vatId();
		this.haltReason = reason;
		this.kernelState = KernelState.HALTED;
		this.listeners.halted(reason, halt.workerDeathCause());
		this.slog.emit("kernel-halt", "crankNum", crankNumber, "reason", reason.message(), "vatID", vatId, "exitCode",
				reason.exitCode(), "signal", reason.signal());
		log.error("KERNEL HALTED at crank {}: {}", crankNumber, reason.message(), cause);
		// The crank rolled back; the worker that saw it is ahead of the DB. A crank delivers to
		// one vat only, so when we know which, the other workers are still exact.
		if (vatId != null) {
			this.warehouse.discard(vatId);
		}
		else {
			this.warehouse.discardAll();
		}
		if (halt.workerDeathCause() != null) {
			this.restartValve.workerDied(halt.workerDeathCause(), () -> resume(false));
		}
	}

	/**
	 * Stops the kernel thread when the application closes. A crank in flight gets a few
	 * seconds to finish; after that its worker is killed, so the crank rolls back (a worker
	 * death) and nothing half-done is committed.
	 */
	@jakarta.annotation.PreDestroy
	void shutdown() throws InterruptedException {
		if (this.kernelState == KernelState.RUNNING) {
			this.kernelState = KernelState.PAUSED;
		}
		this.restartValve.shutdown();
		this.thread.shutdown();
		if (!this.thread.awaitTermination(5, TimeUnit.SECONDS)) {
			log.warn("a crank is still running at shutdown; killing its worker so that it rolls back");
			this.warehouse.discardAll();
			this.thread.awaitTermination(30, TimeUnit.SECONDS);
		}
	}

}
