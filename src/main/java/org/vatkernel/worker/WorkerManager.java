package org.vatkernel.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatDeliveryResult;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;

/**
 * Starts, tracks and stops one xsnap worker per vat, and decides — through
 * {@link WorkerDeathClassifier}, in one place — how each failed delivery ends: a metering fault
 * comes back as a delivery result, anything else as a {@link WorkerDiedException}. A worker that
 * faulted or died is dropped and never reused.
 */
@Component
public class WorkerManager implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WorkerManager.class);

	private final WorkerProperties properties;

	private final WorkerRuntime runtime;

	private final ScheduledExecutorService watchdog;

	private final Map<VatId, VatWorker> workers = new ConcurrentHashMap<>();

	private final SpareWorkers spares;

	private final @Nullable BootSnapshot bootSnapshot;

	private final AtomicLong sparesTaken = new AtomicLong();

	public WorkerManager(WorkerProperties properties) {
		this.properties = properties;
		this.runtime = WorkerRuntime.load(properties);
		this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "xsnap-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		this.bootSnapshot = properties.bootSnapshot() ? new BootSnapshot(this.runtime, properties, this.watchdog) : null;
		this.spares = new SpareWorkers(properties.spareWorkers(), this::bootSpare);
	}

	public WorkerRuntime runtime() {
		return this.runtime;
	}

	/**
	 * Boots a fresh worker for a vat: lockdown, supervisor, {@code setBundle}. The vat's
	 * {@code startVat} is an ordinary delivery after this.
	 * @param label shown in {@code ps} next to the vat id
	 * @param metered whether the crank compute limit applies
	 * @throws WorkerDiedException if the worker does not boot
	 */
	public void start(VatId vatId, String label, String vatBundleJson, boolean metered, LiveSlotsOptions options) {
		start(vatId, label, vatBundleJson, computeLimit(metered, null), options);
	}

	/**
	 * The per-delivery compute limit of a vat: none when unmetered, else its own limit if it has
	 * one, else {@code kernel.worker.compute-limit}.
	 */
	public long computeLimit(boolean metered, @Nullable Long vatLimit) {
		return !metered ? 0 : vatLimit != null ? vatLimit : this.properties.computeLimit();
	}

	/** As {@link #start(VatId, String, String, boolean, LiveSlotsOptions)}, with the limit given (0: unmetered). */
	public void start(VatId vatId, String label, String vatBundleJson, long computeLimit, LiveSlotsOptions options) {
		VatProtocolJson.parse(vatBundleJson); // refuse a bundle that is not JSON before spawning anything
		XsnapWorker spare = this.spares.take(computeLimit);
		Path boot = null;
		VatWorker worker;
		if (spare != null) {
			this.sparesTaken.incrementAndGet();
			worker = adopt(vatId, label, spare);
		}
		else {
			boot = bootSnapshotFor(vatId);
			worker = spawn(vatId, label, computeLimit, boot);
		}
		try {
			if (spare == null && boot != null) {
				worker.awaitReady();
			}
			else if (spare == null) {
				VatWorker.prepare(worker.xsnap(), this.runtime);
			}
			worker.setBundle(vatBundleJson, options);
		}
		catch (WorkerFailedException ex) {
			throw died(worker, WorkerPhase.BOOT, ex, null);
		}
		catch (RuntimeException ex) {
			discard(worker);
			throw ex;
		}
		log.info("worker for vat {} {} as pid {}", vatId,
				spare != null ? "took a spare" : boot != null ? "booted from the boot snapshot" : "booted",
				worker.xsnap().pid());
	}

	/** The boot snapshot (made now if need be); null when {@code boot-snapshot} is off. */
	private @Nullable Path bootSnapshotFor(VatId vatId) {
		if (this.bootSnapshot == null) {
			return null;
		}
		try {
			return this.bootSnapshot.file();
		}
		catch (WorkerFailedException ex) {
			// Making it is the first part of this vat's boot: its failure is the boot's.
			throw new WorkerDiedException(vatId, WorkerPhase.BOOT, ex.failure(), ex.exitStatus(), ex.stderrTail(), null,
					ex.getMessage(), ex);
		}
	}

	/** How many vats were started on a spare worker. */
	long sparesTaken() {
		return this.sparesTaken.get();
	}

	/**
	 * A spare: spawned and prepared (lockdown, supervisor; restored from the boot snapshot when
	 * there is one) for whichever vat takes it.
	 */
	private XsnapWorker bootSpare(long computeLimit) {
		Path boot = this.bootSnapshot == null ? null : this.bootSnapshot.file();
		XsnapWorker xsnap = XsnapWorker.spawn(this.runtime.xsnap(), "vatkernel-spare", computeLimit, boot,
				this.properties.maxFrameBytes(), this.properties.stderrTailLines(), this.watchdog,
				this.properties.deliveryTimeout());
		try {
			if (boot != null) {
				xsnap.ready();
			}
			else {
				VatWorker.prepare(xsnap, this.runtime);
			}
			return xsnap;
		}
		catch (RuntimeException ex) {
			xsnap.kill();
			xsnap.close(Duration.ZERO);
			throw ex;
		}
	}

	private VatWorker adopt(VatId vatId, String label, XsnapWorker spare) {
		spare.rename(vatId + ":" + label);
		VatWorker worker = new VatWorker(vatId, spare);
		if (this.workers.putIfAbsent(vatId, worker) != null) {
			spare.kill();
			spare.close(Duration.ZERO);
			throw new IllegalStateException("vat " + vatId + " already has a worker");
		}
		return worker;
	}

	/** Starts a worker from a heap snapshot written by {@link #snapshot}. */
	public void startFromSnapshot(VatId vatId, String label, Path snapshot, boolean metered) {
		startFromSnapshot(vatId, label, snapshot, computeLimit(metered, null));
	}

	/** As {@link #startFromSnapshot(VatId, String, Path, boolean)}, with the limit given (0: unmetered). */
	public void startFromSnapshot(VatId vatId, String label, Path snapshot, long computeLimit) {
		VatWorker worker = spawn(vatId, label, computeLimit, snapshot);
		try {
			worker.awaitReady();
		}
		catch (WorkerFailedException ex) {
			throw died(worker, WorkerPhase.BOOT, ex, null);
		}
		log.info("worker for vat {} restored from {} as pid {}", vatId, snapshot, worker.xsnap().pid());
	}

	private VatWorker spawn(VatId vatId, String label, long computeLimit, @Nullable Path snapshot) {
		if (this.workers.containsKey(vatId)) {
			throw new IllegalStateException("vat " + vatId + " already has a worker");
		}
		XsnapWorker xsnap;
		try {
			xsnap = XsnapWorker.spawn(this.runtime.xsnap(), vatId + ":" + label,
					computeLimit, snapshot, this.properties.maxFrameBytes(),
					this.properties.stderrTailLines(), this.watchdog, this.properties.deliveryTimeout());
		}
		catch (WorkerFailedException ex) {
			throw new WorkerDiedException(vatId, WorkerPhase.BOOT, ex.failure(), ex.exitStatus(), ex.stderrTail(), null,
					ex.getMessage(), ex);
		}
		VatWorker worker = new VatWorker(vatId, xsnap);
		// Registered before boot so that an operator can kill a worker that hangs while booting.
		this.workers.put(vatId, worker);
		return worker;
	}

	/**
	 * Delivers to the vat's worker, running {@code handler} for each syscall as it arrives.
	 * @return liveslots' result, or {@code ["error", "<kind> meter exceeded", null]} for a
	 * metering fault (the worker is then gone)
	 * @throws WorkerDiedException for any other way the worker ended
	 * @throws SyscallHandlerException if the handler threw (the worker is then gone)
	 */
	public DeliveryReport deliver(VatId vatId, VatDelivery delivery, SyscallHandler handler) {
		VatWorker worker = this.workers.get(vatId);
		if (worker == null) {
			throw new IllegalStateException("vat " + vatId + " has no worker online");
		}
		long started = System.nanoTime();
		try {
			VatDeliveryResult result = worker.deliver(delivery, handler);
			return new DeliveryReport(result, Duration.ofNanos(System.nanoTime() - started), null);
		}
		catch (WorkerFailedException ex) {
			WorkerDeathClassifier.Verdict verdict = WorkerDeathClassifier.classify(WorkerPhase.DELIVERY, ex.failure(),
					ex.exitStatus());
			if (verdict.isMeteringFault()) {
				forget(worker);
				log.warn("vat {} hit a metering fault: {} ({})", vatId, verdict.meteringFault(), ex.exitStatus());
				return new DeliveryReport(VatDeliveryResult.error(verdict.meteringFault().problem(), null),
						Duration.ofNanos(System.nanoTime() - started), verdict.meteringFault());
			}
			throw died(worker, WorkerPhase.DELIVERY, ex, VatProtocolJson.write(VatProtocolJson.encodeDelivery(delivery)));
		}
		catch (RuntimeException ex) {
			discard(worker);
			throw ex;
		}
	}

	/**
	 * Writes a heap snapshot of an idle worker to {@code file} and hashes it. The worker keeps
	 * running.
	 */
	public HeapSnapshot snapshot(VatId vatId, Path file) {
		VatWorker worker = this.workers.get(vatId);
		if (worker == null) {
			throw new IllegalStateException("vat " + vatId + " has no worker online");
		}
		long size;
		try {
			size = worker.xsnap().writeSnapshot(file.toAbsolutePath());
		}
		catch (WorkerFailedException ex) {
			throw died(worker, WorkerPhase.SNAPSHOT, ex, null);
		}
		return new HeapSnapshot(file, size, sha256(file));
	}

	/**
	 * Evaluates JavaScript inside a vat's worker, outside any delivery. Package-private: for
	 * tests that need a real worker to misbehave in ways liveslots never would.
	 */
	XsnapWorker.Reply evaluate(VatId vatId, String source) {
		VatWorker worker = this.workers.get(vatId);
		if (worker == null) {
			throw new IllegalStateException("vat " + vatId + " has no worker online");
		}
		return worker.xsnap().evaluate(source);
	}

	/** SIGKILL for the vat's worker, for operators and tests; a delivery in flight dies with it. */
	public boolean kill(VatId vatId) {
		VatWorker worker = this.workers.get(vatId);
		if (worker == null) {
			return false;
		}
		log.warn("killing the worker for vat {} (pid {}) on request", vatId, worker.xsnap().pid());
		worker.xsnap().kill();
		if (worker.xsnap().state() != XsnapWorker.State.BUSY) {
			// Nothing in flight will notice, so drop it here; a busy one is dropped by its delivery.
			forget(worker);
		}
		return true;
	}

	/** Orderly stop of the vat's worker ({@code q}, then SIGKILL after the grace period). */
	public void stop(VatId vatId) {
		VatWorker worker = this.workers.remove(vatId);
		if (worker != null) {
			worker.xsnap().close(this.properties.shutdownGrace());
		}
	}

	public boolean isOnline(VatId vatId) {
		return this.workers.containsKey(vatId);
	}

	public Optional<WorkerInfo> worker(VatId vatId) {
		return Optional.ofNullable(this.workers.get(vatId)).map(WorkerManager::info);
	}

	public List<WorkerInfo> workers() {
		List<WorkerInfo> infos = new ArrayList<>();
		this.workers.values().forEach(w -> infos.add(info(w)));
		infos.sort(Comparator.comparing(w -> w.vatId().value()));
		return infos;
	}

	private static WorkerInfo info(VatWorker worker) {
		XsnapWorker xsnap = worker.xsnap();
		return new WorkerInfo(worker.vatId(), xsnap.pid(), xsnap.state(), xsnap.startedAt(), worker.deliveries(),
				worker.lastMeterUsage());
	}

	/** Stops every worker when the application context closes, so that no child outlives it. */
	@Override
	public void destroy() {
		List<VatId> vatIds = new ArrayList<>(this.workers.keySet());
		if (!vatIds.isEmpty()) {
			log.info("stopping {} worker(s)", vatIds.size());
		}
		vatIds.parallelStream().forEach(this::stop);
		this.spares.close();
		if (this.bootSnapshot != null) {
			this.bootSnapshot.close();
		}
		this.watchdog.shutdownNow();


	}

	private WorkerDiedException died(VatWorker worker, WorkerPhase phase, WorkerFailedException ex,
			@Nullable String delivery) {
		forget(worker);
		WorkerDiedException died = new WorkerDiedException(worker.vatId(), phase, ex.failure(), ex.exitStatus(),
				ex.stderrTail(), delivery, ex.getMessage(), ex);
		log.error(died.getMessage());
		return died;
	}

	private void discard(VatWorker worker) {
		worker.xsnap().kill();
		forget(worker);
		worker.xsnap().close(Duration.ZERO);
	}

	private void forget(VatWorker worker) {
		this.workers.remove(worker.vatId(), worker);
	}

	private static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read snapshot " + file + ": " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
