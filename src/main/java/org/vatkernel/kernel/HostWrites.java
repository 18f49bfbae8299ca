package org.vatkernel.kernel;

import java.math.BigInteger;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.config.BundleCheck;
import org.vatkernel.kernel.config.KernelConfig;
import org.vatkernel.kernel.config.KernelConfigException;
import org.vatkernel.kernel.config.KernelInitializer;
import org.vatkernel.kernel.device.TimerDevice;
import org.vatkernel.kernel.config.KernelSettings;
import org.vatkernel.kernel.crank.CrankContext;
import org.vatkernel.kernel.crank.KernelEvent;
import org.vatkernel.kernel.crank.KernelQueue;
import org.vatkernel.kernel.crank.Reaper;
import org.vatkernel.kernel.crank.VatRoots;
import org.vatkernel.kernel.crank.VatTerminator;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatOptions;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.state.VatUpgradeStore;
import tools.jackson.databind.JsonNode;

/**
 * The host's writes, SwingSet's controller calls: each checks its input, then runs as one
 * short transaction between cranks ({@link KernelRunner#write}) that only enqueues work or
 * records an operator's decision, and wakes the kernel thread. A refused request writes nothing.
 */
@Component
class HostWrites {

	private static final Logger log = LoggerFactory.getLogger(HostWrites.class);

	private final KernelRunner runner;

	private final VatRoots roots;

	private final KernelStateStore state;

	private final VatStore vats;

	private final BundleStore bundles;

	private final KernelQueue queue;

	private final VatTerminator terminator;

	private final Reaper reaper;

	private final KernelSettings settings;

	private final Slog slog;

	private final TimerDevice timer;

	private final VatUpgradeStore upgradeRequests;

	HostWrites(KernelRunner runner, VatRoots roots, KernelStateStore state, VatStore vats, BundleStore bundles,
			KernelQueue queue, VatTerminator terminator, Reaper reaper, KernelSettings settings, Slog slog,
			TimerDevice timer, VatUpgradeStore upgradeRequests) {
		this.timer = timer;
		this.upgradeRequests = upgradeRequests;
		this.runner = runner;
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

	/**
	 * Queues {@code method(args)} to a vat's root object with a fresh result promise, as
	 * SwingSet's {@code queueToVatRoot}. The root is pinned so GC never collects it.
	 * @return the result promise's kpid
	 */
	KernelRef queueToVatRoot(VatId vatId, String method, List<JsonNode> args) {
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
	KernelService.BundleInstalled installBundle(String bundleJson) {
		String bundleId = BundleCheck.check(bundleJson);
		boolean created = this.runner.write(() -> {
			boolean added = this.bundles.add(bundleId, bundleJson);
			if (added) {
				// As SwingSet's installBundle: vatAdmin answers those waiting for it (waitForBundleCap).
				this.state.setting(VatTerminator.VAT_ADMIN_ROOT)
					.map(KernelRef::of)
					.ifPresent(root -> this.queue.queueToKref(root,
							CapData.of("#[\"bundleInstalled\",[\"" + bundleId + "\"]]"), ResolutionPolicy.IGNORE));
			}
			return added;
		});
		if (created) {
			this.runner.wake();
		}
		return new KernelService.BundleInstalled(bundleId, created);
	}

	/**
	 * Creates a vat from an installed bundle and queues its {@code startVat}, as SwingSet's
	 * {@code createVat}: the vat starts when the kernel reaches that item. Refused while the kernel
	 * is halted, for an unknown bundle, a taken name or invalid creation options.
	 * @return the new vat's id
	 */
	VatId createVat(String bundleId, @Nullable String name, JsonNode parameters, JsonNode creationOptions) {
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
			this.vats.insert(id, name == null ? "dynamic-" + id : name, bundleId, options.toJson(), VatRecord.OPERATOR, null,
					null);
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
	void terminateVat(VatId vatId, String reason) {
		refuseIfHalted("terminate a vat");
		this.runner.write(() -> {
			VatRecord vat = this.vats.find(vatId).orElseThrow(() -> new UnknownVatException(vatId));
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
					new VatTermination(TerminationCause.OPERATOR, KernelService.OPERATOR_REASON_PREFIX + reason), context);
			if (context.panic() != null) {
				// Thrown inside the write's transaction, so the termination rolls back.
				throw new RequestRefusedException("would-panic", RequestRefusedException.Kind.CONFLICT,
						"terminating vat " + vatId + " would panic the kernel: " + context.panic());
			}
			return null;
		});
		this.runner.wake();
	}

	/**
	 * Changes consensus kernel options from the next crank on, as SwingSet's
	 * {@code changeKernelOptions}; the change is recorded with who asked.
	 * @param changes the options to change, by name ({@link KernelOptions#NAMES})
	 * @return the options now in force
	 */
	KernelOptions changeKernelOptions(JsonNode changes, String changedBy) {
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

	/**
	 * The host's timer poll (SwingSet's {@code timer.poll(now)}): records the time and wakes every
	 * handler due by then. Refused without a timer device, while halted, and for a time before
	 * the last poll.
	 * @return whether it woke anything
	 */
	boolean pollTimer(BigInteger now) {
		refuseIfHalted("poll the timer");
		boolean woke = this.runner.write(() -> {
			if (!timerConfigured()) {
				throw new RequestRefusedException("no-timer", RequestRefusedException.Kind.CONFLICT,
						"this kernel has no timer device: name it in the config's devices");
			}
			try {
				return this.timer.poll(now, (target, methargs) -> this.queue.queueToKref(target, methargs, null));
			}
			catch (IllegalArgumentException ex) {
				throw new RequestRefusedException("timer-backwards", RequestRefusedException.Kind.CONFLICT, ex.getMessage());
			}
		});
		if (woke) {
			this.runner.wake();
		}
		return woke;
	}

	/**
	 * An operator's upgrade of a vat: {@code upgradeStaticVat(vatID, false, bundleID, options)}
	 * to vatAdmin, whose answer is the outcome. Refused while halted, for an unknown or terminated
	 * vat, and for a bundle that is not installed; nothing is written then.
	 */
	KernelRef upgradeVat(VatId vatId, String bundleId, JsonNode vatParameters, @Nullable String upgradeMessage,
			String requestedBy) {
		refuseIfHalted("upgrade a vat");
		KernelRef kpid = this.runner.write(() -> {
			VatRecord vat = this.vats.find(vatId).orElseThrow(() -> new UnknownVatException(vatId));
			if (!vat.isRunning()) {
				throw new RequestRefusedException("vat-terminated", RequestRefusedException.Kind.CONFLICT,
						"vat " + vatId + " is terminated: " + vat.terminationReason());
			}
			if (this.bundles.find(bundleId).isEmpty()) {
				throw new RequestRefusedException("unknown-bundle", RequestRefusedException.Kind.NOT_FOUND,
						"no bundle " + bundleId);
			}
			KernelRef vatAdmin = this.state.setting(VatTerminator.VAT_ADMIN_ROOT).map(KernelRef::of).orElseThrow();
			tools.jackson.databind.node.ObjectNode options = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
			options.set("vatParameters", vatParameters);
			// SwingSet's controller.upgradeStaticVat: `vat ${vatName} upgraded` unless given
			options.put("upgradeMessage", upgradeMessage != null ? upgradeMessage : "vat " + vat.name() + " upgraded");
			List<JsonNode> args = List.of(tools.jackson.databind.node.StringNode.valueOf(vatId.value()),
					tools.jackson.databind.node.BooleanNode.FALSE, tools.jackson.databind.node.StringNode.valueOf(bundleId),
					options);
			KernelRef result = this.queue.queueToKref(vatAdmin, SmallCaps.methargs("upgradeStaticVat", args),
					ResolutionPolicy.IGNORE);
			this.upgradeRequests.request(
					new VatUpgradeStore.Request(result, vatId, bundleId, requestedBy, java.time.Instant.now()));
			return result;
		});
		log.info("{} asked to upgrade vat {} to {} ({})", requestedBy, vatId, bundleId, kpid);
		this.runner.wake();
		return kpid;
	}

	/** Whether the config named the timer device. */
	boolean timerConfigured() {
		return this.state.setting(KernelInitializer.DEVICES).map(d -> List.of(d.split(",")).contains(TimerDevice.NAME))
			.orElse(false);
	}

	/** The time of the timer's last poll. */
	BigInteger timerLastPolled() {
		return this.timer.lastPolled();
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
	List<VatId> reapAllVats() {
		List<VatId> vatIds = this.runner.write(() -> {
			List<VatId> running = this.vats.all().stream().filter(VatRecord::isRunning).map(VatRecord::vatId).toList();
			running.forEach(this.reaper::scheduleReap);
			return running;
		});
		this.runner.wake();
		return vatIds;
	}

}
