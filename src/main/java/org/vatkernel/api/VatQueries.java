package org.vatkernel.api;

import org.springframework.stereotype.Component;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.GcActionStore;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.state.TestLogStore;
import org.vatkernel.state.TranscriptStore;
import org.vatkernel.state.VatKvStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.vat.VatWarehouse;
import org.vatkernel.worker.WorkerInfo;

/** The read side of the vat endpoints: plain reads of committed state, never the kernel thread. */
@Component
class VatQueries {

	private final KernelService kernel;

	private final VatStore vats;

	private final ClistStore clist;

	private final VatKvStore vatstore;

	private final TranscriptStore transcripts;

	private final SnapshotStore snapshots;

	private final TestLogStore testLog;

	private final VatWarehouse warehouse;

	private final GcActionStore gcActions;

	VatQueries(KernelService kernel, VatStore vats, ClistStore clist, VatKvStore vatstore, TranscriptStore transcripts,
			SnapshotStore snapshots, TestLogStore testLog, VatWarehouse warehouse, GcActionStore gcActions) {
		this.gcActions = gcActions;
		this.kernel = kernel;
		this.vats = vats;
		this.clist = clist;
		this.vatstore = vatstore;
		this.transcripts = transcripts;
		this.snapshots = snapshots;
		this.testLog = testLog;
		this.warehouse = warehouse;
	}

	Page<VatSummary> vats(String cursor, String state, String name, int limit) {
		return Page.of(this.vats.page(cursor, state, name, limit + 1), limit, VatRecord::vatId)
			.map(v -> VatSummary.of(v, this.warehouse.isOnline(v.vatId())));
	}

	VatDetail detail(String vatId) {
		VatRecord vat = this.kernel.vat(vatId);
		WorkerInfo worker = this.warehouse.worker(vatId).orElse(null);
		VatDetail.Worker workerView = worker == null ? new VatDetail.Worker(false, null, null, null)
				: new VatDetail.Worker(true, worker.pid(), worker.startedAt(), worker.deliveries());
		long length = this.transcripts.length(vatId);
		VatDetail.Snapshot snapshot = this.snapshots.current(vatId)
			.map(s -> new VatDetail.Snapshot(s.snapPos(), s.uncompressedSize(), s.compressedSize(), s.hash(),
					s.createdAt()))
			.orElse(null);
		String reason = vat.terminationReason();
		return new VatDetail(vat.vatId(), vat.name(), vat.state(), reason, vat.terminatedCrank(),
				reason != null && reason.startsWith(KernelService.OPERATOR_REASON_PREFIX), vat.bundleId(),
				VatProtocolJson.parse(vat.options()), vat.createdAt(), workerView, length, length, snapshot,
				this.transcripts.totalComputrons(vatId), this.clist.size(vatId), this.vatstore.size(vatId),
				this.gcActions.countForVat(vatId));
	}

	Page<ClistEntry> clist(String vatId, String cursor, int limit) {
		this.kernel.vat(vatId);
		return Page.of(this.clist.page(vatId, cursor, limit + 1), limit, ClistEntry::kref);
	}

	Page<VatKvStore.Entry> vatstore(String vatId, String cursor, int limit) {
		this.kernel.vat(vatId);
		return Page.of(this.vatstore.page(vatId, cursor, limit + 1), limit, VatKvStore.Entry::key);
	}

	Page<TranscriptStore.TranscriptEntry> transcript(String vatId, long from, int limit) {
		this.kernel.vat(vatId);
		return Page.of(this.transcripts.page(vatId, from, limit + 1), limit, e -> Long.toString(e.position() + 1));
	}

	Page<TestLogStore.Line> testLog(String vatId, long after, int limit) {
		this.kernel.vat(vatId);
		return Page.of(this.testLog.forVat(vatId, after, limit + 1), limit, l -> Long.toString(l.seq()));
	}

}
