package org.vatkernel.vat;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatOptions;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.model.VatSyscall;
import org.vatkernel.model.VatSyscallResult;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.TranscriptStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import org.vatkernel.worker.DeliveryReport;
import org.vatkernel.worker.LiveSlotsOptions;
import org.vatkernel.worker.SyscallHandler;
import org.vatkernel.worker.WorkerManager;
import tools.jackson.databind.JsonNode;

/**
 * Decides which vats have a live worker and brings a vat online on demand: a fresh worker with
 * the vat's bundle, then a replay of its transcript, answering each syscall from the record and
 * touching nothing in the DB. A worker is only ever a cache of what the DB says.
 */
@Component
public class VatWarehouse {

	private static final Logger log = LoggerFactory.getLogger(VatWarehouse.class);

	private final WorkerManager workers;

	private final VatStore vats;

	private final BundleStore bundles;

	private final TranscriptStore transcripts;

	public VatWarehouse(WorkerManager workers, VatStore vats, BundleStore bundles, TranscriptStore transcripts) {
		this.workers = workers;
		this.vats = vats;
		this.bundles = bundles;
		this.transcripts = transcripts;
	}

	/** Delivers to a vat, bringing it online first if needed. */
	public DeliveryReport deliver(String vatId, VatDelivery delivery, SyscallHandler handler) {
		ensureOnline(vatId);
		return this.workers.deliver(vatId, delivery, handler);
	}

	public void ensureOnline(String vatId) {
		if (this.workers.isOnline(vatId)) {
			return;
		}
		VatRecord vat = this.vats.find(vatId).orElseThrow(() -> new IllegalStateException("no vat " + vatId));
		VatOptions options = VatOptions.fromJson(vat.options());
		String bundle = this.bundles.find(vat.bundleId())
			.orElseThrow(() -> new IllegalStateException("vat " + vatId + " has no bundle " + vat.bundleId()));
		this.workers.start(vatId, vat.name(), bundle, options.metered(),
				new LiveSlotsOptions(options.enableDisavow(), options.relaxDurabilityRules()));
		replay(vatId);
	}

	private void replay(String vatId) {
		List<TranscriptStore.TranscriptEntry> entries = this.transcripts.entries(vatId, 0);
		if (entries.isEmpty()) {
			return;
		}
		log.info("replaying {} transcript entries of vat {}", entries.size(), vatId);
		for (TranscriptStore.TranscriptEntry entry : entries) {
			JsonNode item = VatProtocolJson.parse(entry.item());
			VatDelivery delivery = VatProtocolJson.decodeDelivery(item.get("d"));
			ReplayHandler handler = new ReplayHandler(vatId, entry.position(), item.get("sc"));
			DeliveryReport report = this.workers.deliver(vatId, delivery, handler);
			handler.finish();
			String recordedStatus = item.path("r").path("status").asString("ok");
			if (!report.result().status().equals(recordedStatus)) {
				this.workers.kill(vatId);
				throw new ReplayDivergenceException(vatId, entry.position(),
						"delivery status " + report.result().status() + ", recorded " + recordedStatus);
			}
		}
	}

	/** Stops a vat's worker in an orderly way (termination, eviction). */
	public void stop(String vatId) {
		this.workers.stop(vatId);
	}

	/** Throws a worker away: its heap may be ahead of the committed state. */
	public void discard(String vatId) {
		this.workers.kill(vatId);
		this.workers.stop(vatId);
	}

	public void discardAll() {
		this.workers.workers().forEach(w -> discard(w.vatId()));
	}

	public boolean isOnline(String vatId) {
		return this.workers.isOnline(vatId);
	}

	/** Answers a replayed delivery's syscalls from the transcript, comparing each one. */
	private final class ReplayHandler implements SyscallHandler {

		private final String vatId;

		private final long position;

		private final List<JsonNode> recorded = new ArrayList<>();

		private int next;

		ReplayHandler(String vatId, long position, JsonNode syscalls) {
			this.vatId = vatId;
			this.position = position;
			syscalls.forEach(this.recorded::add);
		}

		@Override
		public VatSyscallResult handle(VatSyscall syscall) {
			String actual = VatProtocolJson.write(VatProtocolJson.encodeSyscall(syscall));
			if (this.next >= this.recorded.size()) {
				throw new ReplayDivergenceException(this.vatId, this.position, "extra syscall " + actual);
			}
			JsonNode expected = this.recorded.get(this.next++);
			String recordedSyscall = VatProtocolJson.write(expected.get("s"));
			if (!recordedSyscall.equals(actual)) {
				throw new ReplayDivergenceException(this.vatId, this.position,
						"syscall " + actual + " where the transcript has " + recordedSyscall);
			}
			return VatProtocolJson.decodeSyscallResult(expected.get("r"));
		}

		void finish() {
			if (this.next != this.recorded.size()) {
				VatWarehouse.this.workers.kill(this.vatId);
				throw new ReplayDivergenceException(this.vatId, this.position,
						"only " + this.next + " of " + this.recorded.size() + " recorded syscalls were made");
			}
		}

	}

}
