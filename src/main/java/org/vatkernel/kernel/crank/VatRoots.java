package org.vatkernel.kernel.crank;

import org.springframework.stereotype.Component;
import org.vatkernel.kernel.UnknownVatException;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;

/**
 * Vats' root objects as the host holds them: the kref of a vat's {@code o+0}, exported once
 * and pinned so that GC never collects what the host may still send to ({@code pinObject}).
 */
@Component
public class VatRoots {

	private static final String ROOT_PREFIX = "root.";

	private final KernelStateStore state;

	private final VatStore vats;

	private final ObjectStore objects;

	private final VatTranslator translator;

	private final RefCounts refCounts;

	VatRoots(KernelStateStore state, VatStore vats, ObjectStore objects, VatTranslator translator,
			RefCounts refCounts) {
		this.state = state;
		this.vats = vats;
		this.objects = objects;
		this.translator = translator;
		this.refCounts = refCounts;
	}

	/** The vat's root, pinned; inside a host write's transaction. */
	public KernelRef pinnedRoot(VatId vatId) {
		String setting = ROOT_PREFIX + vatId;
		KernelRef known = this.state.setting(setting).map(KernelRef::of).orElse(null);
		if (known != null) {
			return known;
		}
		VatRecord vat = this.vats.find(vatId).orElseThrow(() -> new UnknownVatException(vatId));
		KernelRef kref;
		if (vat.isRunning()) {
			kref = root(vatId);
		}
		else {
			// A dead vat's root was never exported: an orphan object, so sends splat as SwingSet's do.
			kref = this.state.newObjectKref();
			this.objects.insert(kref, vatId);
			this.objects.orphan(kref);
		}
		pin(kref);
		this.state.putSetting(setting, kref.value());
		return kref;
	}

	/** The kref of a running vat's {@code o+0}, exported now if it was not yet. */
	public KernelRef root(VatId vatId) {
		return this.translator.toKernel(vatId, "o+0", VatTranslator.Mode.NORMAL);
	}

	/** A pin holds one reference (SwingSet's {@code pinObject}). */
	public void pin(KernelRef kref) {
		if (this.objects.pin(kref)) {
			this.refCounts.increment(kref, false, false);
		}
	}

}
