package org.vatkernel.worker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers booted ahead of time, on a thread of their own, up to the point where every fresh boot
 * is the same: lockdown and the supervisor evaluated, no vat bundle yet. A vat brought online
 * without a snapshot takes one and only sends {@code setBundle}; taking one starts the boot of
 * its replacement. Nothing vat-specific happens before a vat takes a worker, and xsnap runs
 * nothing between commands, so a spare's heap is the one a fresh boot would have at that point
 * (the same {@code startVat} computrons and the same replay; {@code SpareWorkersIntegrationTests}).
 *
 * <p>Spares are kept per compute limit ({@code -l} is fixed when the process starts), and only
 * for a limit some vat has asked for. The pool fills on first use, so a node that never starts a
 * worker boots none. A spare found dead when taken is discarded and the vat boots its own.
 */
final class SpareWorkers implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SpareWorkers.class);

	private final int size;

	private final LongFunction<XsnapWorker> boot;

	private final ExecutorService booter = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "spare-workers");
		thread.setDaemon(true);
		return thread;
	});

	/** Booted or booting, by compute limit, oldest first. */
	private final Map<Long, Deque<Future<XsnapWorker>>> spares = new HashMap<>();

	/** Every spare process not yet taken, so that closing kills them all, booting or not. */
	private final Set<XsnapWorker> untaken = ConcurrentHashMap.newKeySet();

	private boolean closed;

	/**
	 * @param size spares kept per compute limit (0: none, every boot is the vat's own)
	 * @param boot spawns a worker with the given limit and evaluates lockdown and the supervisor
	 */
	SpareWorkers(int size, LongFunction<XsnapWorker> boot) {
		this.size = size;
		this.boot = boot;
	}

	/**
	 * A prepared worker with this compute limit, waiting for it if its boot is under way (sooner
	 * than a boot of the caller's own); null when there is none. Tops the pool up either way.
	 */
	@Nullable XsnapWorker take(long computeLimit) {
		if (this.size == 0) {
			return null;
		}
		Future<XsnapWorker> next;
		synchronized (this) {
			if (this.closed) {
				return null;
			}
			Deque<Future<XsnapWorker>> queue = this.spares.computeIfAbsent(computeLimit, l -> new ArrayDeque<>());
			next = queue.pollFirst();
			while (queue.size() < this.size) {
				queue.addLast(this.booter.submit(() -> bootSpare(computeLimit)));
			}
		}
		if (next == null) {
			return null;
		}
		try {
			XsnapWorker worker = next.get();
			this.untaken.remove(worker);
			if (!worker.isAlive()) {
				log.warn("a spare worker (pid {}) died while waiting; booting one for the vat instead", worker.pid());
				worker.close(Duration.ZERO);
				return null;
			}
			return worker;
		}
		catch (ExecutionException ex) {
			log.warn("a spare worker did not boot ({}); booting one for the vat instead", ex.getCause().getMessage());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private XsnapWorker bootSpare(long computeLimit) {
		XsnapWorker worker = this.boot.apply(computeLimit);
		this.untaken.add(worker);
		synchronized (this) {
			if (this.closed) {
				this.untaken.remove(worker);
				worker.kill();
				worker.close(Duration.ZERO);
			}
		}
		return worker;
	}

	/** Kills every spare, booted or booting. */
	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
		}
		this.booter.shutdown();
		for (XsnapWorker worker : this.untaken) {
			worker.kill();
			worker.close(Duration.ZERO);
		}
		this.untaken.clear();
	}

}
