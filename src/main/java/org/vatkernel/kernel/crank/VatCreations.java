package org.vatkernel.kernel.crank;

import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.KernelOptions;
import org.vatkernel.kernel.TerminationCause;
import org.vatkernel.kernel.config.KernelSettings;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatOptions;
import org.vatkernel.slog.Slog;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.MeterStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import tools.jackson.databind.JsonNode;

/**
 * SwingSet's {@code processCreateVat}: a vat vatAdmin asked for is recorded and started in the
 * same crank. Its {@code startVat} is charged to its meter; if it fails, the crank rolls back to
 * before the vat existed and vatAdmin is told {@code vatTerminated} (its creator sees
 * {@code Vat Creation Error: …}); if it succeeds, vatAdmin gets {@code newVatCallback} with the
 * new vat's root.
 */
@Component
class VatCreations {

	private static final Logger log = LoggerFactory.getLogger(VatCreations.class);

	/**
	 * The per-delivery limit of a vat created through vatAdmin without a meter, in computrons.
	 * SwingSet runs such a vat unmetered (Zoe's contract vats are; their {@code startVat} alone
	 * costs 100–200 million); vatkernel meters every vat, so that an endless loop terminates the
	 * vat instead of hanging the kernel, with ten times xsnap's default limit.
	 */
	static final long UNMETERED_COMPUTE_LIMIT = 1_000_000_000L;

	private final VatStore vats;

	private final MeterStore meters;

	private final VatTranslator translator;

	private final VatRoots roots;

	private final KernelQueue queue;

	private final RefCounts refCounts;

	private final KernelSettings settings;

	private final KernelStateStore state;

	private final Slog slog;

	VatCreations(VatStore vats, MeterStore meters, VatTranslator translator, VatRoots roots, KernelQueue queue,
			RefCounts refCounts, KernelSettings settings, KernelStateStore state, Slog slog) {
		this.vats = vats;
		this.meters = meters;
		this.translator = translator;
		this.roots = roots;
		this.queue = queue;
		this.refCounts = refCounts;
		this.settings = settings;
		this.state = state;
		this.slog = slog;
	}

	/** @param deliver delivers to the new vat, charged to its meter, consuming the item on abort */
	CrankResults process(KernelEvent.CreateVat create, CrankContext crank,
			BiFunction<VatId, VatDelivery, CrankResults> deliver) {
		VatId vatId = create.vatId();
		JsonNode options = create.dynamicOptions();
		// The queued event held the parameters' slots until now; startVat's c-list takes over.
		Runnable release = () -> this.refCounts.decrementSlots(create.vatParameters());
		String meterId = options.path("meterID").isString() ? options.path("meterID").stringValue() : null;
		String problem = refusal(options, meterId);
		if (problem != null) {
			// As a worker that cannot be made for these options: SwingSet's info is makeError(`${err}`).
			log.warn("vat {} cannot be created: {}", vatId, problem);
			return new CrankResults(vatId,
					new DeliveryOutcome.VatFatal(TerminationCause.CREATION_FAILED, problem,
							SmallCaps.error("Error: " + problem), true),
					false, Reaper.Dirt.NONE, null, 0, release);
		}
		KernelOptions kernelOptions = this.settings.current();
		JsonNode reap = options.path("reapInterval");
		// A vat with a meter has SwingSet's per-delivery limit; one without (SwingSet: unmetered)
		// a larger one, which a contract vat's startVat fits in but an endless loop does not.
		VatOptions vatOptions = new VatOptions(options.path("critical").asBoolean(false), true, false, false,
				reap.isNumber() && reap.asInt() > 0 ? Integer.valueOf(reap.asInt()) : kernelOptions.defaultReapInterval(),
				kernelOptions.defaultReapGCKrefs(), true, meterId == null ? UNMETERED_COMPUTE_LIMIT : null);
		String name = options.path("name").isString() ? options.path("name").stringValue() : "dynamic-" + vatId;
		this.vats.insert(vatId, name, create.bundleId(), vatOptions.toJson(), VatRecord.VAT_ADMIN, create.parent(), meterId);
		this.slog.emit("create-vat", "crankNum", crank.crankNumber(), "vatID", vatId, "name", name, "bundleID",
				create.bundleId(), "dynamic", true, "meterID", meterId, "parentVatID", create.parent());
		CapData parameters = this.translator.capDataToVat(vatId, create.vatParameters());
		CrankResults results = deliver.apply(vatId, new VatDelivery.StartVat(parameters));
		boolean started = results.outcome().termination() == null;
		return results.afterwards(() -> {
			release.run();
			if (started) {
				newVatCallback(vatId);
			}
		});
	}

	/** What SwingSet refuses when it makes the worker, or what vatkernel cannot run. */
	private @Nullable String refusal(JsonNode options, @Nullable String meterId) {
		if (options.path("enableSetup").asBoolean(false)) {
			return "xsnap: enableSetup not supported at all";
		}
		if (options.has("useTranscript") && !options.path("useTranscript").asBoolean(true)) {
			return "xsnap: useTranscript=false not supported";
		}
		if (options.path("enablePipelining").asBoolean(false)) {
			return "enablePipelining is not supported by vatkernel: liveslots vats do not pipeline";
		}
		if (meterId != null && this.meters.find(meterId).isEmpty()) {
			return "unknown meterID " + meterId;
		}
		return null;
	}

	/** {@code newVatCallback(vatID, { rootObject })} to vatAdmin, as kmarshal writes it. */
	private void newVatCallback(VatId vatId) {
		KernelRef vatAdminRoot = this.state.setting(VatTerminator.VAT_ADMIN_ROOT).map(KernelRef::of).orElse(null);
		if (vatAdminRoot == null) {
			return;
		}
		KernelRef root = this.roots.root(vatId);
		this.queue.queueToKref(vatAdminRoot, new CapData("#[\"newVatCallback\",[\"" + vatId.value()
				+ "\",{\"rootObject\":\"$0.Alleged: undefined\"}]]", java.util.List.of(root.value())),
				ResolutionPolicy.IGNORE);
	}

}
