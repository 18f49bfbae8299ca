package org.vatkernel.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.CapData;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatOptions;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.GcActionStore;
import org.vatkernel.state.KernelObject;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.QueueStore;
import org.vatkernel.state.StateHashStore;
import org.vatkernel.state.TestLogStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.vat.VatWarehouse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import org.vatkernel.model.VatId;

/**
 * The kernel as the host and the admin API see it. Reads come straight from the DB and never
 * wait for the kernel thread; writes only enqueue work (in their own short transaction) and
 * wake the kernel thread: nothing changes kernel state outside a crank.
 */
@Service
public class KernelService {

	private static final Logger log = LoggerFactory.getLogger(KernelService.class);

	/** How an operator's termination shows in the vat's termination reason. */
	public static final String OPERATOR_REASON_PREFIX = "terminated by operator: ";

	private final KernelRunner runner;

	private final KernelQueries queries;

	private final KernelInitializer initializer;

	private final VatRoots roots;

	private final KernelStateStore state;

	private final VatStore vats;

	private final BundleStore bundles;

	private final KernelQueue queue;

	private final VatTerminator terminator;

	private final Reaper reaper;

	private final KernelSettings settings;

	private final Slog slog;

	KernelService(KernelRunner runner, KernelQueries queries, KernelInitializer initializer, VatRoots roots,
			KernelStateStore state, VatStore vats, BundleStore bundles, KernelQueue queue, VatTerminator terminator,
			Reaper reaper, KernelSettings settings, Slog slog) {
		this.runner = runner;
		this.queries = queries;
		this.initializer = initializer;
		this.roots = roots;
		this.state = state;
		this.vats = vats;
		this.bundles = bundles;
		this.queue = queue;
		this.terminator = terminator;
		this.reaper = reaper;
		this.settings = settings;
		this.slog = slog;
	}

	// ---- reads -----------------------------------------------------------------------

	public KernelStatus status() {
		return this.queries.status();
	}

	public List<VatRecord> vats() {
		return this.vats.all();
	}

	public VatRecord vat(VatId vatId) {
		return this.vats.find(vatId).orElseThrow(() -> new UnknownVatException(vatId));
	}

	public PromiseView promise(KernelRef kpid) {
		return this.queries.promise(kpid);
	}

	public KernelQueries.KernelObject object(KernelRef kref) {
		return this.queries.object(kref);
	}

	public List<String> testLog() {
		return this.queries.testLog();
	}

	public String stateHash() {
		return this.queries.stateHash();
	}

	public boolean isInitialized() {
		return this.initializer.isInitialized();
	}

	// ---- host writes -----------------------------------------------------------------

	/**
	 * Queues {@code method(args)} to a vat's root object with a fresh result promise, as
	 * SwingSet's {@code queueToVatRoot}. The root is pinned so GC never collects it.
	 * @return the result promise's kpid
	 */
	public KernelRef queueToVatRoot(VatId vatId, String method, List<JsonNode> args) {
		KernelRef kpid = this.runner.write(() -> {
			KernelRef root = this.roots.pinnedRoot(vatId);
			return this.queue.queueToKref(root, SmallCaps.methargs(method, args), ResolutionPolicy.IGNORE);
		});
		this.runner.wake();
		return kpid;
	}

	/**
	 * Stores an uploaded bundle (checked: see {@link BundleCheck}) under its content-addressed id.
	 * Installing the same bundle twice is not an error.
	 */
	public BundleInstalled installBundle(String bundleJson) {
		String bundleId = BundleCheck.check(bundleJson);
		boolean created = this.runner.write(() -> this.bundles.add(bundleId, bundleJson));
		return new BundleInstalled(bundleId, created);
	}

	/** A bundle's id and whether this upload stored it (false: it was installed already). */
	public record BundleInstalled(String bundleId, boolean created) {
	}

	/**
	 * Creates a vat from an installed bundle and queues its {@code startVat}, as SwingSet's
	 * {@code createVat}: the vat starts when the kernel reaches that item. Refused while the kernel
	 * is halted, for an unknown bundle, a taken name or invalid creation options.
	 * @return the new vat's id
	 */
	public VatId createVat(String bundleId, @Nullable String name, JsonNode parameters, JsonNode creationOptions) {
		refuseIfHalted("create a vat");
		if (!creationOptions.isObject()) {
			throw new RequestRefusedException("invalid-creation-options", RequestRefusedException.Kind.INVALID,
					"creationOptions must be a JSON object, not " + creationOptions);
		}
		VatOptions options;
		try {
			KernelOptions kernelOptions = this.settings.current();
			options = KernelConfig.options(creationOptions, "creationOptions", kernelOptions.defaultReapInterval(),
					kernelOptions.defaultReapGCKrefs(), false);
		}
		catch (KernelConfigException ex) {
			throw new RequestRefusedException("invalid-creation-options", RequestRefusedException.Kind.INVALID,
					ex.getMessage());
		}
		VatId vatId = this.runner.write(() -> {
			if (this.bundles.find(bundleId).isEmpty()) {
				throw new RequestRefusedException("unknown-bundle", RequestRefusedException.Kind.NOT_FOUND,
						"no bundle " + bundleId);
			}
			if (name != null && this.vats.findByName(name).isPresent()) {
				throw new RequestRefusedException("vat-name-taken", RequestRefusedException.Kind.CONFLICT,
						"a vat named '" + name + "' exists already");
			}
			VatId id = this.state.newVatId();
			this.vats.insert(id, name == null ? "dynamic-" + id : name, bundleId, options.toJson());
			this.queue.accept(new KernelEvent.StartVat(id, CapData.of(SmallCaps.encode(parameters))));
			this.slog.emit("create-vat", "vatID", id, "name", name, "bundleID", bundleId, "dynamic", true);
			return id;
		});
		log.info("operator created vat {} from {}", vatId, bundleId);
		this.runner.wake();
		return vatId;
	}

	/**
	 * Terminates a vat at once, between cranks, as SwingSet's {@code controller.terminateVat}:
	 * its promises are rejected with {@code vat terminated} and its state released. The reason is
	 * recorded as an operator's. Refused for an unknown or already terminated vat, and for a
	 * critical vat (whose termination would panic the kernel).
	 */
	public VatRecord terminateVat(VatId vatId, String reason) {
		refuseIfHalted("terminate a vat");
		this.runner.write(() -> {
			VatRecord vat = vat(vatId);
			if (!vat.isRunning()) {
				throw new RequestRefusedException("vat-terminated", RequestRefusedException.Kind.CONFLICT,
						"vat " + vatId + " is already terminated: " + vat.terminationReason());
			}
			if (VatTerminator.wouldPanic(vat)) {
				throw new RequestRefusedException("critical-vat", RequestRefusedException.Kind.CONFLICT,
						"vat " + vatId + " is critical: terminating it would panic the kernel");
			}
			CrankContext context = new CrankContext(this.state.crankNumber());
			this.terminator.terminate(vatId,
					new VatTermination(TerminationCause.OPERATOR, OPERATOR_REASON_PREFIX + reason), context);
			if (context.panic() != null) {
				// Thrown inside the write's transaction, so the termination rolls back.
				throw new RequestRefusedException("would-panic", RequestRefusedException.Kind.CONFLICT,
						"terminating vat " + vatId + " would panic the kernel: " + context.panic());
			}
			return null;
		});
		this.runner.wake();
		return vat(vatId);
	}

	/**
	 * Changes consensus kernel options from the next crank on, as SwingSet's
	 * {@code changeKernelOptions}; the change is recorded with who asked.
	 * @param changes the options to change, by name ({@link KernelOptions#NAMES})
	 * @return the options now in force
	 */
	public KernelOptions changeKernelOptions(JsonNode changes, String changedBy) {
		try {
			KernelOptions options = this.runner.write(() -> this.settings.change(changes, changedBy));
			log.info("{} changed kernel options {}: now {}", changedBy, VatProtocolJson.write(changes), options);
			return options;
		}
		catch (KernelConfigException ex) {
			throw new RequestRefusedException("invalid-kernel-options", RequestRefusedException.Kind.INVALID,
					ex.getMessage());
		}
		finally {
			this.settings.forget();
		}
	}

	public KernelOptions kernelOptions() {
		return this.settings.current();
	}

	/** Every recorded change of the kernel options, oldest first. */
	public List<KernelOptionsChange> kernelOptionsChanges() {
		return this.settings.changes()
			.stream()
			.map(c -> new KernelOptionsChange(c.crank(), VatProtocolJson.parse(c.options()), c.changedBy(), c.changedAt()))
			.toList();
	}

	/** A recorded change: in force from crank {@code crank} on, what it set, who asked and when. */
	public record KernelOptionsChange(long crank, JsonNode options, String changedBy, java.time.Instant changedAt) {
	}

	private void refuseIfHalted(String action) {
		if (this.runner.state() == KernelState.HALTED) {
			throw new RequestRefusedException("kernel-halted", RequestRefusedException.Kind.CONFLICT,
					"cannot " + action + " while the kernel is halted: " + this.runner.haltReason());
		}
	}

	/**
	 * Schedules a {@code bringOutYourDead} for every running vat, as SwingSet's
	 * {@code reapAllVats}; they run before the run queue.
	 * @return the vats it was scheduled for
	 */
	public List<VatId> reapAllVats() {
		List<VatId> vatIds = this.runner.write(() -> {
			List<VatId> running = this.vats.all().stream().filter(VatRecord::isRunning).map(VatRecord::vatId).toList();
			running.forEach(this.reaper::scheduleReap);
			return running;
		});
		this.runner.wake();
		return vatIds;
	}

	// ---- control ---------------------------------------------------------------------

	public boolean step() {
		return this.runner.step();
	}

	public void pause() {
		this.runner.pause();
	}

	public void run() {
		this.runner.run();
	}

	/** Clears a halt (or a pause) and runs again. */
	public boolean resume() {
		return this.runner.resume();
	}

}
