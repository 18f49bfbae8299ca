package org.vatkernel.kernel.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.KernelOptions;
import org.vatkernel.kernel.KernelRunner;
import org.vatkernel.kernel.crank.VatTerminator;
import org.vatkernel.kernel.device.DeviceNodes;
import org.vatkernel.kernel.device.VatAdminDevice;
import org.vatkernel.kernel.crank.KernelEvent;
import org.vatkernel.kernel.crank.KernelQueue;
import org.vatkernel.kernel.crank.VatRoots;
import org.vatkernel.kernel.gc.RefcountAudit;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatOptions;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.DeviceStore;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.VatStore;
import org.vatkernel.worker.WorkerProperties;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a config to an empty kernel DB, as SwingSet's {@code initializeSwingset}: bundles,
 * the static vats with their {@code startVat}, the consensus kernel options, and the bootstrap
 * message; all in one transaction, so a node either holds the whole config or none of it.
 */
@Component
public class KernelInitializer {

	private static final Logger log = LoggerFactory.getLogger(KernelInitializer.class);

	static final String INITIALIZED = "initialized";

	public static final String BOOTSTRAP_RESULT = "bootstrapResult";

	/** The devices the config gave the kernel, comma-separated. */
	public static final String DEVICES = "devices";

	/** Present once reference counts are kept in this DB. */
	static final String REFCOUNTS = "refcounts";

	private final KernelRunner runner;

	private final KernelStateStore state;

	private final BundleStore bundles;

	private final VatStore vats;

	private final KernelQueue queue;

	private final VatRoots roots;

	private final KernelSettings settings;

	private final RefcountAudit refcountAudit;

	private final Slog slog;

	private final WorkerProperties worker;

	private final DeviceStore devices;

	private final DeviceNodes deviceNodes;

	KernelInitializer(KernelRunner runner, KernelStateStore state, BundleStore bundles, VatStore vats,
			KernelQueue queue, VatRoots roots, KernelSettings settings, RefcountAudit refcountAudit, Slog slog,
			WorkerProperties worker, DeviceStore devices, DeviceNodes deviceNodes) {
		this.worker = worker;
		this.devices = devices;
		this.deviceNodes = deviceNodes;
		this.runner = runner;
		this.state = state;
		this.bundles = bundles;
		this.vats = vats;
		this.queue = queue;
		this.roots = roots;
		this.settings = settings;
		this.refcountAudit = refcountAudit;
		this.slog = slog;
	}

	public boolean isInitialized() {
		return this.state.setting(INITIALIZED).isPresent();
	}

	void initialize(KernelConfig config) {
		this.runner.write(() -> {
			if (isInitialized()) {
				return null;
			}
			config.namedBundles().values().forEach(b -> this.bundles.add(VatBundler.bundleId(b), b));
			Map<String, VatId> vatIds = new LinkedHashMap<>();
			for (String name : creationOrder(config)) {
				KernelConfig.VatConfig vat = config.vats().stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
				if (name.equals(VatAdminDevice.NAME)) {
					// SwingSet's own vatAdmin vat, always, with its root pinned for the kernel.
					VatId vatAdminId = createBuiltInVat(VatAdminDevice.NAME, this.worker.vatAdminBundle(), config);
					vatIds.put(name, vatAdminId);
					KernelRef vatAdminRoot = this.roots.root(vatAdminId);
					this.roots.pin(vatAdminRoot);
					this.state.putSetting(VatTerminator.VAT_ADMIN_ROOT, vatAdminRoot.value());
				}
				else if (vat != null) {
					vatIds.put(name, createVat(vat));
				}
				else if (name.equals("timer") && config.devices().contains("timer")) {
					vatIds.put(name, createBuiltInVat(name, this.worker.timerBundle(), config));
				}
				else {
					// SwingSet's comms, vattp and timer vats, which vatkernel does not add: their ids are
					// kept, so that every other vat has the id it has on SwingSet.
					this.state.newVatId();
				}
			}
			this.state.putSetting(DEVICES, String.join(",", new TreeSet<>(config.devices())));
			config.namedBundles()
				.forEach((name, bundle) -> this.devices.set(VatAdminDevice.NAME, VatAdminDevice.namedBundleKey(name),
						VatBundler.bundleId(bundle)));
			if (config.bootstrap() == null) {
				// Without a bootstrap vat nobody would hand vatAdmin its device (SwingSet leaves it
				// unusable then); the kernel does, so that an operator can still upgrade vats.
				KernelRef vatAdminRoot = KernelRef.of(this.state.setting(VatTerminator.VAT_ADMIN_ROOT).orElseThrow());
				this.queue.queueToKref(vatAdminRoot, new CapData("#[\"createVatAdminService\",[\"$0.Alleged: device\"]]",
						List.of(this.deviceNodes.root(VatAdminDevice.NAME).value())), ResolutionPolicy.IGNORE);
			}
			if (config.bootstrap() != null) {
				KernelRef kpid = enqueueBootstrap(vatIds, vatIds.get(config.bootstrap()), config.devices());
				this.state.putSetting(BOOTSTRAP_RESULT, kpid.value());
				if (config.pinBootstrapRoot()) {
					this.roots.pin(this.roots.root(vatIds.get(config.bootstrap())));
				}
			}
			this.settings.initialize(config.options());
			this.state.putSetting(REFCOUNTS, "kept");
			this.state.putSetting(INITIALIZED, "true");
			return null;
		});
		this.settings.forget();
		this.runner.wake();
	}

	/**
	 * SwingSet's order of vat ids: the bootstrap vat, then vatAdmin, comms, vattp and timer
	 * (which SwingSet adds to every config), then the config's other vats by name.
	 */
	static List<String> creationOrder(KernelConfig config) {
		List<String> order = new ArrayList<>();
		if (config.bootstrap() != null) {
			order.add(config.bootstrap());
		}
		for (String builtIn : List.of(VatAdminDevice.NAME, "comms", "vattp", "timer")) {
			if (!order.contains(builtIn)) {
				order.add(builtIn);
			}
		}
		config.vats().stream().map(KernelConfig.VatConfig::name).filter(name -> !order.contains(name)).forEach(order::add);
		return order;
	}

	private VatId createVat(KernelConfig.VatConfig vat) {
		String bundleId = VatBundler.bundleId(vat.bundleJson());
		this.bundles.add(bundleId, vat.bundleJson());
		VatId vatId = this.state.newVatId();
		this.vats.insert(vatId, vat.name(), bundleId, vat.options().toJson());
		this.queue.accept(new KernelEvent.StartVat(vatId, CapData.of(SmallCaps.encode(vat.parameters()))));
		this.slog.emit("create-vat", "vatID", vatId, "name", vat.name(), "bundleID", bundleId, "dynamic", false);
		log.info("created vat {} ({})", vatId, vat.name());
		return vatId;
	}

	/** A vat of SwingSet's own, from its bundle in the worker runtime, with default options. */
	private VatId createBuiltInVat(String name, Path bundleFile, KernelConfig config) {
		String bundle;
		try {
			bundle = Files.readString(bundleFile);
		}
		catch (IOException ex) {
			throw new KernelConfigException("the " + name + " vat's bundle " + bundleFile
					+ " cannot be read: build the worker runtime (./mvnw generate-resources)");
		}
		String bundleId = VatBundler.bundleId(bundle);
		this.bundles.add(bundleId, bundle);
		VatId vatId = this.state.newVatId();
		KernelOptions options = config.options();
		VatOptions vatOptions = new VatOptions(false, true, false, false, options.defaultReapInterval(),
				options.defaultReapGCKrefs(), true);
		this.vats.insert(vatId, name, bundleId, vatOptions.toJson());
		this.queue.accept(new KernelEvent.StartVat(vatId, CapData.of(SmallCaps.encode(JsonNodeFactory.instance.objectNode()))));
		this.slog.emit("create-vat", "vatID", vatId, "name", name, "bundleID", bundleId, "dynamic", false);
		log.info("created vat {} ({})", vatId, name);
		return vatId;
	}

	/** {@code bootstrap(vats, devices)} to the bootstrap root; the result's policy is panic. */
	private KernelRef enqueueBootstrap(Map<String, VatId> vatIds, VatId bootstrapVatId, Set<String> deviceNames) {
		Map<String, KernelRef> roots = new TreeMap<>();
		vatIds.forEach((name, vatId) -> roots.put(name, this.roots.root(vatId)));
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode record = nodes.objectNode();
		List<String> slots = new ArrayList<>();
		roots.forEach((name, kref) -> {
			record.put(name, "$" + slots.size() + ".Alleged: root");
			slots.add(kref.value());
		});
		ObjectNode deviceRecord = nodes.objectNode();
		for (String name : new TreeSet<>(deviceNames)) {
			deviceRecord.put(name, "$" + slots.size() + ".Alleged: device");
			slots.add(this.deviceNodes.root(name).value());
		}
		ArrayNode methargs = nodes.arrayNode().add("bootstrap").add(nodes.arrayNode().add(record).add(deviceRecord));
		KernelRef bootRoot = this.roots.root(bootstrapVatId);
		return this.queue.queueToKref(bootRoot, new CapData("#" + VatProtocolJson.write(methargs), slots), ResolutionPolicy.PANIC);
	}

	/**
	 * A kernel DB from before reference counts were kept has them all at zero: they are
	 * computed once from the references, before any crank runs.
	 */
	void ensureRefcounts() {
		if (!isInitialized() || this.state.setting(REFCOUNTS).isPresent()) {
			return;
		}
		this.runner.write(() -> {
			log.warn("kernel DB has no reference counts yet: computing them from c-lists, queues and promises");
			this.refcountAudit.repair();
			this.state.putSetting(REFCOUNTS, "kept");
			return null;
		});
	}

}
