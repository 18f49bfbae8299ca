package org.vatkernel.kernel.crank;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.CapData;
import org.vatkernel.model.GcActionType;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.Resolution;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatRef;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.VatStore;

/**
 * Maps krefs to a vat's vrefs and back through its c-list, allocating entries as SwingSet's
 * vatKeeper does. What a vat gets wrong is an {@link IllegalSyscallException}; what the kernel
 * gets wrong is an {@link IllegalStateException} (a panic).
 */
@Component
class VatTranslator {

	/** How a vref from a vat may be mapped. */
	enum Mode {

		/** Allocate exports as needed and mark them reachable; an unreachable import is illegal. */
		NORMAL,

		/** GC syscalls: the entry must exist, reachability is not touched. */
		REQUIRED,

		/** A send's result promise: must be a new export. */
		REQUIRE_NEW

	}

	private final ClistStore clist;

	private final VatStore vats;

	private final ObjectStore objects;

	private final PromiseStore promises;

	private final KernelStateStore state;

	private final RefCounts refCounts;

	VatTranslator(ClistStore clist, VatStore vats, ObjectStore objects, PromiseStore promises, KernelStateStore state,
			RefCounts refCounts) {
		this.refCounts = refCounts;
		this.clist = clist;
		this.vats = vats;
		this.objects = objects;
		this.promises = promises;
		this.state = state;
	}

	// ---- kernel -> vat ---------------------------------------------------------------

	/** SwingSet's {@code mapKernelSlotToVatSlot}: allocates an import ({@code o-50}, {@code p-60}) if new. */
	VatRef toVat(VatId vatId, KernelRef kref, boolean setReachable) {
		ClistEntry entry = this.clist.byKref(vatId, kref).orElse(null);
		if (entry == null) {
			String kind;
			String prefix;
			if (kref.isObject()) {
				kind = "object";
				prefix = "o-";
			}
			else if (kref.isPromise()) {
				kind = "promise";
				prefix = "p-";
			}
			else if (kref.isDevice()) {
				kind = "device";
				prefix = "d-";
			}
			else {
				throw new IllegalStateException("not a kref: " + kref);
			}
			VatRef vref = VatRef.of(prefix + this.vats.allocateVrefNumber(vatId, kind));
			entry = new ClistEntry(vatId, kref, vref, false);
			// An import: recognizable now, reachable once its flag is set below.
			this.refCounts.increment(kref, false, true);
			this.clist.insert(entry);
		}
		if (setReachable && !entry.reachable()) {
			if (entry.isExport()) {
				throw new IllegalStateException("kernel sent unreachable export " + kref + " to " + vatId);
			}
			setReachableFlag(entry);
		}
		return entry.vref();
	}

	CapData capDataToVat(VatId vatId, CapData data) {
		List<String> slots = new ArrayList<>();
		data.slots().forEach(kref -> slots.add(toVat(vatId, KernelRef.of(kref), true).value()));
		return new CapData(data.body(), slots);
	}

	VatDelivery.Message messageToVat(VatId vatId, KernelRef target, VatMessage msg) {
		VatRef targetVref = toVat(vatId, target, true);
		if (targetVref.isObject()) {
			if (!targetVref.allocatedByVat()) {
				throw new IllegalStateException("deliver() of " + target + " to wrong vat " + vatId);
			}
		}
		else {
			KernelPromise p = promise(target);
			if (!p.isUnresolved() || !vatId.equals(p.deciderVatId())) {
				throw new IllegalStateException("message to promise " + target + " not decided by " + vatId);
			}
		}
		CapData methargs = capDataToVat(vatId, msg.methargs());
		String resultVref = null;
		KernelRef result = Refs.result(msg);
		if (result != null) {
			KernelPromise p = promise(result);
			if (!p.isUnresolved()) {
				throw new IllegalStateException("result " + result + " already resolved");
			}
			if (p.deciderVatId() != null) {
				throw new IllegalStateException("result " + result + " already has decider " + p.deciderVatId());
			}
			resultVref = toVat(vatId, result, true).value();
			this.promises.setDecider(result, vatId);
		}
		return new VatDelivery.Message(targetVref.value(), new VatMessage(methargs, resultVref));
	}

	VatDelivery.Notify notifyToVat(VatId vatId, List<KernelRef> kpids) {
		List<Resolution> resolutions = new ArrayList<>();
		for (KernelRef kpid : kpids) {
			KernelPromise p = promise(kpid);
			if (p.isUnresolved() || p.data() == null) {
				throw new IllegalStateException("spurious notification " + kpid);
			}
			String vpid = toVat(vatId, kpid, true).value();
			resolutions.add(new Resolution(vpid, p.isRejected(), capDataToVat(vatId, p.data())));
		}
		return new VatDelivery.Notify(resolutions);
	}

	/**
	 * A GC delivery in the vat's terms: {@code dropExports} clears the exporter's flags,
	 * {@code retireExports} and {@code retireImports} delete the entries (the kernel objects of
	 * retired exports are deleted by the caller).
	 */
	VatDelivery gcDeliveryToVat(VatId vatId, GcActionType type, List<KernelRef> krefs) {
		List<String> vrefs = new ArrayList<>();
		for (KernelRef kref : krefs) {
			ClistEntry entry = this.clist.byKref(vatId, kref)
				.orElseThrow(() -> new IllegalStateException(type + ": " + kref + " not in the c-list of " + vatId));
			vrefs.add(entry.vref().value());
			if (type == GcActionType.DROP_EXPORT) {
				clearReachableFlag(entry);
			}
			else {
				deleteEntry(entry);
			}
		}
		return type.delivery(vrefs);
	}

	// ---- vat -> kernel ---------------------------------------------------------------

	/**
	 * A vref as a vat wrote it: one that is not a vref's form is the vat's fault. The
	 * translator is where the worker protocol's strings become typed refs.
	 */
	static VatRef vref(String vref) {
		if (!VatRef.isVatRef(vref)) {
			throw new IllegalSyscallException("invalid vref " + vref);
		}
		return VatRef.of(vref);
	}

	/** SwingSet's {@code mapVatSlotToKernelSlot} for a vref as the vat wrote it. */
	KernelRef toKernel(VatId vatId, String vref, Mode mode) {
		return toKernel(vatId, vref(vref), mode);
	}

	/** SwingSet's {@code mapVatSlotToKernelSlot}: allocates a kref for a new export. */
	KernelRef toKernel(VatId vatId, VatRef vref, Mode mode) {
		boolean byVat = vref.allocatedByVat();
		ClistEntry entry = this.clist.byVref(vatId, vref).orElse(null);
		if (entry != null) {
			if (mode == Mode.REQUIRE_NEW) {
				throw new IllegalSyscallException("vref " + vref + " is already allocated");
			}
		}
		else {
			if (mode == Mode.REQUIRED) {
				throw new IllegalSyscallException("vref " + vref + " not in clist");
			}
			if (!byVat) {
				throw new IllegalSyscallException("unknown vatSlot " + vref);
			}
			KernelRef kref;
			if (vref.isObject()) {
				kref = this.state.newObjectKref();
				this.objects.insert(kref, vatId);
			}
			else if (vref.isPromise()) {
				kref = this.state.newPromiseKpid();
				this.promises.insert(kref, vatId, ResolutionPolicy.IGNORE);
			}
			else {
				throw new IllegalSyscallException("normal vats aren't allowed to export device nodes");
			}
			entry = new ClistEntry(vatId, kref, vref, false);
			// The exporter's own entry: counts for a promise, not for an object.
			this.refCounts.increment(kref, true, true);
			this.clist.insert(entry);
		}
		if (mode != Mode.REQUIRED) {
			if (byVat) {
				if (!entry.reachable()) {
					setReachableFlag(entry);
				}
			}
			else if (!entry.reachable()) {
				throw new IllegalSyscallException("vat tried to access unreachable import " + vref);
			}
		}
		return entry.kref();
	}

	CapData capDataToKernel(VatId vatId, CapData data) {
		List<String> slots = new ArrayList<>();
		data.slots().forEach(vref -> slots.add(toKernel(vatId, vref, Mode.NORMAL).value()));
		return new CapData(data.body(), slots);
	}

	/** The c-list entry for a vref the vat holds, if any. */
	@Nullable ClistEntry entryForVref(VatId vatId, VatRef vref) {
		return this.clist.byVref(vatId, vref).orElse(null);
	}

	/**
	 * SwingSet's {@code deleteCListEntry}: clears the reachable flag (which may release a
	 * reachable count), releases the entry's recognizable count, and deletes it.
	 */
	void deleteEntry(VatId vatId, KernelRef kref) {
		deleteEntry(this.clist.byKref(vatId, kref)
			.orElseThrow(() -> new IllegalStateException("no c-list entry for " + kref + " in " + vatId)));
	}

	private void deleteEntry(ClistEntry entry) {
		clearReachableFlag(entry);
		this.refCounts.decrement(entry.kref(), entry.isExport(), true);
		this.clist.delete(entry.vatId(), entry.kref());
	}

	/**
	 * SwingSet's {@code orphanKernelObject}: the object loses its owner and the owner its entry
	 * (an export holds no count); importers keep it until they drop it, then it is retired.
	 */
	void orphanExport(VatId vatId, KernelRef kref) {
		this.objects.orphan(kref);
		this.clist.delete(vatId, kref);
		this.refCounts.maybeFree(kref);
	}

	boolean hasEntry(VatId vatId, KernelRef kref) {
		return this.clist.byKref(vatId, kref).isPresent();
	}

	void clearReachable(VatId vatId, KernelRef kref) {
		clearReachableFlag(this.clist.byKref(vatId, kref)
			.orElseThrow(() -> new IllegalStateException("no c-list entry for " + kref + " in " + vatId)));
	}

	/** An import that becomes reachable again adds to its object's reachable count. */
	private void setReachableFlag(ClistEntry entry) {
		this.clist.setReachable(entry.vatId(), entry.kref(), true);
		if (!entry.isExport() && entry.kref().isObject()) {
			this.objects.adjustCounts(entry.kref(), 1, 0);
		}
	}

	/** An import that stops being reachable releases its reachable count. */
	private void clearReachableFlag(ClistEntry entry) {
		if (!entry.reachable()) {
			return;
		}
		this.clist.setReachable(entry.vatId(), entry.kref(), false);
		if (!entry.isExport() && entry.kref().isObject()) {
			this.objects.adjustCounts(entry.kref(), -1, 0).ifPresent(o -> {
				if (o.reachableCount() == 0) {
					this.refCounts.maybeFree(entry.kref());
				}
			});
		}
	}

	private KernelPromise promise(KernelRef kpid) {
		return this.promises.find(kpid).orElseThrow(() -> new IllegalStateException("unknown promise " + kpid));
	}

}
