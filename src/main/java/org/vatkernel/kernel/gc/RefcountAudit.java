package org.vatkernel.kernel.gc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.vatkernel.kernel.crank.KernelEvent;
import org.vatkernel.kernel.crank.Refs;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.KernelObject;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.DeviceStore;
import org.vatkernel.state.QueueStore;

/**
 * Recomputes every reference count from what holds references — importers' c-list entries (and
 * their reachable flags), every c-list entry of a promise, queued messages and notifications,
 * messages waiting on promises, settled promises' data, pins, the host's interest — and lists
 * where the stored counts differ. Empty means the counts are exact.
 */
@Component
public class RefcountAudit {

	/** One count that differs from what the references add up to. */
	public record Difference(KernelRef kref, String count, long stored, long expected) {
	}

	private final ObjectStore objects;

	private final PromiseStore promises;

	private final ClistStore clist;

	private final QueueStore queues;

	private final DeviceStore devices;

	RefcountAudit(ObjectStore objects, PromiseStore promises, ClistStore clist, QueueStore queues, DeviceStore devices) {
		this.devices = devices;
		this.objects = objects;
		this.promises = promises;
		this.clist = clist;
		this.queues = queues;
	}

	/**
	 * Sets every count to what the references add up to: for a kernel DB written before
	 * reference counts were kept (their columns were all zero). Which promises the host still
	 * cares about was not recorded then; a promise nothing else references is kept for the host
	 * (one external reference), so that it can still be asked about.
	 */
	public void repair() {
		for (Difference d : check()) {
			if (d.count().equals("refCount")) {
				if (d.expected() == 0) {
					this.promises.setRefCounts(d.kref(), 1, 1);
				}
				else {
					this.promises.setRefCounts(d.kref(), (int) d.expected(), 0);
				}
			}
			else if (!d.count().equals("exists")) {
				KernelObject o = this.objects.find(d.kref()).orElseThrow();
				int reachable = d.count().equals("reachable") ? (int) d.expected() : o.reachableCount();
				int recognizable = d.count().equals("recognizable") ? (int) d.expected() : o.recognizableCount();
				this.objects.setCounts(d.kref(), reachable, recognizable);
			}
		}
	}

	public List<Difference> check() {
		Map<KernelRef, long[]> objectCounts = new HashMap<>();
		Map<KernelRef, long[]> promiseCounts = new HashMap<>();
		for (KernelObject o : this.objects.all()) {
			objectCounts.put(o.kref(), new long[] { o.pinned() ? 1 : 0, o.pinned() ? 1 : 0 });
		}
		for (PromiseStore.RefCount p : this.promises.refCounts()) {
			promiseCounts.put(p.kpid(), new long[] { p.externalRefs() });
		}
		Counter count = new Counter(objectCounts, promiseCounts);
		for (ClistEntry entry : this.clist.all()) {
			if (entry.kref().isPromise()) {
				count.promise(entry.kref());
			}
			else if (!entry.isExport()) {
				count.object(entry.kref(), entry.reachable());
			}
		}
		for (QueueName queue : List.of(QueueName.ACCEPTANCE, QueueName.RUN)) {
			for (String item : this.queues.items(queue)) {
				KernelEvent event = KernelEvent.fromJson(item);
				if (event instanceof KernelEvent.Send send) {
					count.message(send.target(), send.msg());
				}
				else if (event instanceof KernelEvent.Notify notify) {
					count.promise(notify.kpid());
				}
				else if (event instanceof KernelEvent.CreateVat create) {
					create.vatParameters().slots().forEach(slot -> count.any(KernelRef.of(slot)));
				}
				else if (event instanceof KernelEvent.UpgradeVat upgrade) {
					upgrade.vatParameters().slots().forEach(slot -> count.any(KernelRef.of(slot)));
				}
			}
		}
		// Objects held by devices (one reference each, never released).
		this.devices.keysWithPrefix("import.").forEach(held -> count.object(held.kref(), true));
		for (Map.Entry<KernelRef, String> queued : this.promises.allQueued()) {
			count.message(queued.getKey(), VatProtocolJson.message(VatProtocolJson.parse(queued.getValue())));
		}
		this.promises.settledSlots().values().forEach(slots -> slots.forEach(slot -> count.any(KernelRef.of(slot))));

		List<Difference> differences = new ArrayList<>();
		for (KernelObject o : this.objects.all()) {
			long[] expected = objectCounts.get(o.kref());
			if (o.reachableCount() != expected[0]) {
				differences.add(new Difference(o.kref(), "reachable", o.reachableCount(), expected[0]));
			}
			if (o.recognizableCount() != expected[1]) {
				differences.add(new Difference(o.kref(), "recognizable", o.recognizableCount(), expected[1]));
			}
		}
		for (PromiseStore.RefCount p : this.promises.refCounts()) {
			long expected = promiseCounts.get(p.kpid())[0];
			if (p.refCount() != expected) {
				differences.add(new Difference(p.kpid(), "refCount", p.refCount(), expected));
			}
		}
		differences.addAll(count.dangling());
		return differences;
	}

	/** Adds up references; a reference to a kref that no longer exists is a difference too. */
	private static final class Counter {

		private final Map<KernelRef, long[]> objects;

		private final Map<KernelRef, long[]> promises;

		private final List<Difference> dangling = new ArrayList<>();

		Counter(Map<KernelRef, long[]> objects, Map<KernelRef, long[]> promises) {
			this.objects = objects;
			this.promises = promises;
		}

		void object(KernelRef kref, boolean reachable) {
			long[] c = this.objects.get(kref);
			if (c == null) {
				return; // an importer may still hold an object that was retired (retireImports pending)
			}
			c[0] += reachable ? 1 : 0;
			c[1] += 1;
		}

		void promise(KernelRef kpid) {
			long[] c = this.promises.get(kpid);
			if (c == null) {
				this.dangling.add(new Difference(kpid, "exists", 0, 1));
				return;
			}
			c[0] += 1;
		}

		void any(KernelRef kref) {
			if (kref.isPromise()) {
				promise(kref);
			}
			else {
				object(kref, true);
			}
		}

		void message(KernelRef target, VatMessage msg) {
			any(target);
			KernelRef result = Refs.result(msg);
			if (result != null) {
				promise(result);
			}
			msg.methargs().slots().forEach(slot -> any(KernelRef.of(slot)));
		}

		List<Difference> dangling() {
			return this.dangling;
		}

	}

}
