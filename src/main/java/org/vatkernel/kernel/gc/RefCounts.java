package org.vatkernel.kernel.gc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.vatkernel.kernel.crank.Refs;
import org.vatkernel.model.CapData;
import org.vatkernel.model.GcActionType;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatMessage;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.GcActionStore;
import org.vatkernel.state.KernelObject;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.VatStore;

/**
 * Reference counts on kernel objects (reachable, recognizable) and promises, as SwingSet's
 * kernelKeeper keeps them: every importer's c-list entry, queued message, resolution slot, pin
 * and host interest holds one. A count that reaches zero puts the kref on the maybe-free list;
 * {@link #processRefcounts()} acts on it once, at the end of the crank (a message moving between
 * queues drops a count to zero and raises it again within one crank).
 *
 * <p>The list lives in memory: it is only ever filled and emptied within one crank or one host
 * write, both of which run under the kernel's write lock.
 */
@Component
public class RefCounts {

	private final ObjectStore objects;

	private final PromiseStore promises;

	private final ClistStore clist;

	private final GcActionStore gcActions;

	private final VatStore vats;

	private final Set<KernelRef> maybeFree = new LinkedHashSet<>();

	public RefCounts(ObjectStore objects, PromiseStore promises, ClistStore clist, GcActionStore gcActions, VatStore vats) {
		this.objects = objects;
		this.promises = promises;
		this.clist = clist;
		this.gcActions = gcActions;
		this.vats = vats;
	}

	/**
	 * @param isExport the reference is the exporter's own c-list entry: counts for promises only
	 * @param onlyRecognizable the reference gives recognition, not reachability (a c-list entry,
	 * whose reachability is its flag's business)
	 */
	public void increment(KernelRef kref, boolean isExport, boolean onlyRecognizable) {
		if (kref.isPromise()) {
			this.promises.adjustRefCount(kref, 1)
				.orElseThrow(() -> new IllegalStateException("incrementRefCount of unknown promise " + kref));
		}
		else if (kref.isObject() && !isExport) {
			this.objects.adjustCounts(kref, onlyRecognizable ? 0 : 1, 1);
		}
	}

	public void decrement(KernelRef kref, boolean isExport, boolean onlyRecognizable) {
		if (kref.isPromise()) {
			int count = this.promises.adjustRefCount(kref, -1)
				.orElseThrow(() -> new IllegalStateException("decrementRefCount of unknown promise " + kref));
			if (count < 0) {
				throw new IllegalStateException("refCount underflow " + kref);
			}
			if (count == 0) {
				this.maybeFree.add(kref);
			}
		}
		else if (kref.isObject() && !isExport) {
			// Tolerated: the object may be gone already (retired while this reference was held).
			this.objects.adjustCounts(kref, onlyRecognizable ? 0 : -1, -1).ifPresent(o -> {
				if (o.reachableCount() < 0 || o.recognizableCount() < 0) {
					throw new IllegalStateException("refCount underflow " + kref + " " + o.reachableCount() + ","
							+ o.recognizableCount());
				}
				if (o.reachableCount() == 0 || o.recognizableCount() == 0) {
					this.maybeFree.add(kref);
				}
			});
		}
	}

	/** A queued message holds its target, its result and every slot. */
	public void incrementMessage(KernelRef target, VatMessage msg) {
		increment(target, false, false);
		KernelRef result = Refs.result(msg);
		if (result != null) {
			increment(result, false, false);
		}
		incrementSlots(msg.methargs());
	}

	public void decrementMessage(KernelRef target, VatMessage msg) {
		decrement(target, false, false);
		KernelRef result = Refs.result(msg);
		if (result != null) {
			decrement(result, false, false);
		}
		decrementSlots(msg.methargs());
	}

	public void incrementSlots(CapData data) {
		data.slots().forEach(slot -> increment(KernelRef.of(slot), false, false));
	}

	public void decrementSlots(CapData data) {
		data.slots().forEach(slot -> decrement(KernelRef.of(slot), false, false));
	}

	public void maybeFree(KernelRef kref) {
		this.maybeFree.add(kref);
	}

	/** Forgets the list: the transaction that filled it rolled back. */
	public void reset() {
		this.maybeFree.clear();
	}

	/**
	 * SwingSet's {@code processRefcounts}: deletes unreferenced promises (releasing their
	 * resolution's slots), and for each unreachable object asks its exporter to drop it (and to
	 * retire it once unrecognizable), or retires it if its exporter is gone. Krefs that become
	 * free while this runs are processed too.
	 */
	public void processRefcounts() {
		Deque<KernelRef> work = new ArrayDeque<>(this.maybeFree);
		this.maybeFree.clear();
		while (!work.isEmpty()) {
			KernelRef kref = work.removeFirst();
			if (kref.isPromise()) {
				freePromise(kref);
			}
			else {
				freeObject(kref);
			}
			work.addAll(this.maybeFree);
			this.maybeFree.clear();
		}
	}

	private void freePromise(KernelRef kpid) {
		KernelPromise p = this.promises.find(kpid).orElse(null);
		if (p == null || p.refCount() != 0) {
			return;
		}
		if (!p.isUnresolved() && p.data() != null) {
			decrementSlots(p.data());
		}
		this.promises.delete(kpid);
	}

	private void freeObject(KernelRef kref) {
		KernelObject o = this.objects.find(kref).orElse(null);
		if (o == null || o.reachableCount() != 0) {
			return;
		}
		VatId owner = o.ownerVatId();
		if (owner != null && this.vats.isRunning(owner)) {
			ClistEntry export = this.clist.byKref(owner, kref).orElse(null);
			if (export != null && export.reachable()) {
				this.gcActions.add(owner, GcActionType.DROP_EXPORT, kref);
			}
			if (o.recognizableCount() == 0) {
				this.gcActions.add(owner, GcActionType.RETIRE_EXPORT, kref);
			}
			return;
		}
		if (owner != null) {
			// Its exporter is terminated and being cleaned up: never tell a dead vat anything;
			// do now what the cleanup would do (remove the export), then treat it as orphaned.
			this.clist.delete(owner, kref);
			this.objects.orphan(kref);
		}
		if (o.recognizableCount() > 0) {
			retireKernelObjects(List.of(kref));
		}
		else {
			this.objects.delete(kref);
		}
	}

	/** Tells every importer to retire the objects ({@code retireImports}) and deletes them. */
	public void retireKernelObjects(List<KernelRef> krefs) {
		for (KernelRef kref : krefs) {
			for (VatId importer : this.objects.importers(kref)) {
				this.gcActions.add(importer, GcActionType.RETIRE_IMPORT, kref);
			}
			this.objects.delete(kref);
		}
	}

}
