package org.vatkernel.kernel.device;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.CapData;
import org.vatkernel.model.VatId;

/**
 * What the vatAdmin device asks of the kernel during the crank that calls it (SwingSet's
 * {@code vat-admin-hooks.js}). Implemented by the crank, which knows the crank it runs in.
 */
public interface KernelHooks {

	/**
	 * Allocates a vat id and queues {@code create-vat} on the acceptance queue; the vat starts
	 * when the kernel reaches it.
	 * @param vatParameters kernel-space capdata; the queued event holds its slots
	 * @param dynamicOptions the options vatAdmin converted, as plain values ({@code undefined} left out)
	 */
	VatId createVat(String bundleId, CapData vatParameters, Map<String, @Nullable Object> dynamicOptions);

	/** Installs a bundle handed over whole ({@code createVat(bundle)}) and returns its id. */
	String installBundle(String bundleJson);

	/**
	 * Allocates an upgrade id and queues {@code upgrade-vat} on the acceptance queue; vatAdmin
	 * hears the outcome through {@code vatUpgradeCallback}.
	 */
	String upgradeVat(VatId vatId, String bundleId, CapData vatParameters, String upgradeMessage);

	/** Terminates a vat at once, inside this crank; its creator's {@code done()} rejects with {@code reason}. */
	void terminateVat(VatId vatId, CapData reason);

	/** Changes a running vat's options ({@code reapInterval}). */
	void changeVatOptions(VatId vatId, Map<String, @Nullable Object> options);

}
