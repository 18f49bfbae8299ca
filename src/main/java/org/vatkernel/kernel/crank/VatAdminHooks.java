package org.vatkernel.kernel.crank;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.RequestRefusedException;
import org.vatkernel.kernel.TerminationCause;
import org.vatkernel.kernel.VatTermination;
import org.vatkernel.kernel.config.BundleCheck;
import org.vatkernel.kernel.device.DeviceException;
import org.vatkernel.kernel.device.KernelHooks;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.Passable;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatOptions;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.state.VatUpgradeStore;

/**
 * The kernel's side of the vatAdmin device (SwingSet's {@code vat-admin-hooks.js}), bound to the
 * crank whose delivery calls the device.
 */
@Component
class VatAdminHooks {

	private final KernelStateStore state;

	private final KernelQueue queue;

	private final VatTerminator terminator;

	private final VatStore vats;

	private final BundleStore bundles;

	private final PromiseStore promises;

	private final VatUpgradeStore upgradeRequests;

	VatAdminHooks(KernelStateStore state, KernelQueue queue, VatTerminator terminator, VatStore vats,
			BundleStore bundles, PromiseStore promises, VatUpgradeStore upgradeRequests) {
		this.upgradeRequests = upgradeRequests;
		this.promises = promises;
		this.state = state;
		this.queue = queue;
		this.terminator = terminator;
		this.vats = vats;
		this.bundles = bundles;
	}

	KernelHooks forCrank(CrankContext crank) {
		return new KernelHooks() {

			@Override
			public VatId createVat(String bundleId, CapData vatParameters, Map<String, @Nullable Object> dynamicOptions) {
				// The id is the device's answer now; the vat exists once create-vat is processed.
				VatId vatId = VatAdminHooks.this.state.newVatId();
				VatAdminHooks.this.queue.accept(new KernelEvent.CreateVat(vatId, bundleId, vatParameters,
						Passable.toJson(dynamicOptions), requester()));
				return vatId;
			}

			/**
			 * The vat that asked vatAdmin: the one waiting for the answer to the message vatAdmin
			 * is handling (messages do not name their sender; the sender subscribes to the result).
			 */
			private @Nullable VatId requester() {
				KernelRef result = crank.messageResult();
				if (result == null) {
					return null;
				}
				List<VatId> waiting = VatAdminHooks.this.promises.subscribers(result);
				return waiting.size() == 1 ? waiting.get(0) : null;
			}

			@Override
			public String upgradeVat(VatId vatId, String bundleId, CapData vatParameters, String upgradeMessage) {
				if (VatAdminHooks.this.bundles.find(bundleId).isEmpty()) {
					throw new DeviceException("upgradeVat(): bundle " + bundleId + " is not installed");
				}
				String upgradeId = "up" + VatAdminHooks.this.state.allocate("upgrade");
				VatAdminHooks.this.queue.accept(new KernelEvent.UpgradeVat(vatId, upgradeId, bundleId, vatParameters,
						upgradeMessage, upgradeRequester()));
				return upgradeId;
			}

			/** An operator whose request this is (REST), else the vat waiting for the answer. */
			private @Nullable String upgradeRequester() {
				KernelRef result = crank.messageResult();
				if (result != null) {
					var request = VatAdminHooks.this.upgradeRequests.requestFor(result).orElse(null);
					if (request != null) {
						return "operator " + request.requestedBy();
					}
				}
				VatId vat = requester();
				return vat == null ? null : "vat " + vat;
			}

			@Override
			public String installBundle(String bundleJson) {
				String bundleId;
				try {
					bundleId = BundleCheck.check(bundleJson);
				}
				catch (RequestRefusedException ex) {
					throw new DeviceException("createByBundle(): " + ex.getMessage());
				}
				VatAdminHooks.this.bundles.add(bundleId, bundleJson);
				return bundleId;
			}

			@Override
			public void terminateVat(VatId vatId, CapData reason) {
				VatRecord vat = VatAdminHooks.this.vats.find(vatId)
					.orElseThrow(() -> new DeviceException("terminateWithFailure(): no vat " + vatId));
				String text = SmallCaps.errorMessage(reason.body())
					.or(() -> SmallCaps.decode(reason.body()).map(VatProtocolJson::write))
					.orElse(reason.body());
				VatAdminHooks.this.terminator.terminate(vat.vatId(),
						new VatTermination(TerminationCause.TERMINATED_BY_VAT_ADMIN, "terminated with failure: " + text, true,
								reason),
						crank);
			}

			@Override
			public void changeVatOptions(VatId vatId, Map<String, @Nullable Object> options) {
				VatRecord vat = VatAdminHooks.this.vats.find(vatId)
					.orElseThrow(() -> new DeviceException("changeOptions(): no vat " + vatId));
				VatOptions current = VatOptions.fromJson(vat.options());
				Integer reapInterval = current.reapInterval();
				for (Map.Entry<String, @Nullable Object> option : options.entrySet()) {
					if (!option.getKey().equals("reapInterval")) {
						throw new DeviceException("changeOptions(): invalid option " + option.getKey());
					}
					Object value = option.getValue();
					if ("never".equals(value)) {
						reapInterval = null;
					}
					else if (value instanceof Long l && l > 0 && l <= Integer.MAX_VALUE) {
						reapInterval = l.intValue();
					}
					else {
						throw new DeviceException("changeOptions(): invalid reapInterval value " + value);
					}
				}
				VatAdminHooks.this.vats.updateOptions(vatId,
						new VatOptions(current.critical(), current.metered(), current.enableDisavow(),
								current.relaxDurabilityRules(), reapInterval, current.reapGCKrefs(), current.useTranscript(),
								current.computeLimit())
							.toJson());
			}

		};
	}

}
