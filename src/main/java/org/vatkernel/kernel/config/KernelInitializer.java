package org.vatkernel.kernel.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.KernelRunner;
import org.vatkernel.kernel.crank.KernelEvent;
import org.vatkernel.kernel.crank.KernelQueue;
import org.vatkernel.kernel.crank.VatRoots;
import org.vatkernel.kernel.gc.RefcountAudit;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.VatStore;
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

	KernelInitializer(KernelRunner runner, KernelStateStore state, BundleStore bundles, VatStore vats,
			KernelQueue queue, VatRoots roots, KernelSettings settings, RefcountAudit refcountAudit, Slog slog) {
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
			for (KernelConfig.VatConfig vat : config.vats()) {
				String bundleId = VatBundler.bundleId(vat.bundleJson());
				this.bundles.add(bundleId, vat.bundleJson());
				VatId vatId = this.state.newVatId();
				this.vats.insert(vatId, vat.name(), bundleId, vat.options().toJson());
				vatIds.put(vat.name(), vatId);
				this.queue.accept(new KernelEvent.StartVat(vatId, CapData.of(SmallCaps.encode(vat.parameters()))));
				this.slog.emit("create-vat", "vatID", vatId, "name", vat.name(), "bundleID", bundleId, "dynamic", false);
				log.info("created vat {} ({})", vatId, vat.name());
			}
			if (config.bootstrap() != null) {
				KernelRef kpid = enqueueBootstrap(vatIds, vatIds.get(config.bootstrap()));
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

	/** {@code bootstrap(vats, devices)} to the bootstrap root; the result's policy is panic. */
	private KernelRef enqueueBootstrap(Map<String, VatId> vatIds, VatId bootstrapVatId) {
		Map<String, KernelRef> roots = new TreeMap<>();
		vatIds.forEach((name, vatId) -> roots.put(name, this.roots.root(vatId)));
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode record = nodes.objectNode();
		List<String> slots = new ArrayList<>();
		roots.forEach((name, kref) -> {
			record.put(name, "$" + slots.size() + ".Alleged: root");
			slots.add(kref.value());
		});
		ArrayNode methargs = nodes.arrayNode().add("bootstrap").add(nodes.arrayNode().add(record).add(nodes.objectNode()));
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
