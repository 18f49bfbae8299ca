package org.vatkernel.kernel.crank;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vatkernel.kernel.device.Devices;
import org.vatkernel.kernel.device.KernelHooks;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.Resolution;
import org.vatkernel.model.TranscriptEntry;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatRef;
import org.vatkernel.model.VatSyscall;
import org.vatkernel.model.VatSyscallResult;
import org.vatkernel.state.ClistEntry;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.VatKvStore;
import org.vatkernel.worker.SyscallHandler;

/**
 * Executes one vat's syscalls during one delivery, immediately against the kernel DB (inside
 * the crank's transaction), and keeps each syscall with its result for the transcript.
 */
final class KernelSyscallHandler implements SyscallHandler {

	/** A syscall as the worker issued it and the result it got. */
	static final String ILLEGAL = "syscall translation error: prepare to die";

	private static final Logger log = LoggerFactory.getLogger(KernelSyscallHandler.class);

	private final VatId vatId;

	private final CrankContext crank;

	private final VatTranslator translator;

	private final KernelQueue queue;

	private final VatKvStore vatstore;


	private final List<TranscriptEntry.Syscall> recorded = new ArrayList<>();

	private final RefCounts refCounts;

	private final Devices devices;

	private final KernelHooks hooks;

	KernelSyscallHandler(VatId vatId, CrankContext crank, VatTranslator translator, KernelQueue queue,
			VatKvStore vatstore, RefCounts refCounts, Devices devices, KernelHooks hooks) {
		this.refCounts = refCounts;
		this.devices = devices;
		this.hooks = hooks;
		this.vatId = vatId;
		this.crank = crank;
		this.translator = translator;
		this.queue = queue;
		this.vatstore = vatstore;
	}

	List<TranscriptEntry.Syscall> recorded() {
		return this.recorded;
	}

	@Override
	public void testLog(List<String> lines) {
		this.crank.testLog(this.vatId, lines);
	}

	@Override
	public VatSyscallResult handle(VatSyscall syscall) {
		VatSyscallResult result;
		try {
			result = execute(syscall);
		}
		catch (IllegalSyscallException ex) {
			log.warn("vat {} made an illegal syscall {}: {}", this.vatId, syscall.type(), ex.getMessage());
			this.crank.illegalSyscall(syscall.type() + ": " + ex.getMessage());
			result = VatSyscallResult.error(ILLEGAL);
		}
		this.recorded.add(new TranscriptEntry.Syscall(syscall, result));
		return result;
	}

	private VatSyscallResult execute(VatSyscall syscall) {
		if (syscall instanceof VatSyscall.Send send) {
			send(send);
		}
		else if (syscall instanceof VatSyscall.Subscribe subscribe) {
			requirePromise(subscribe.promise());
			this.queue.doSubscribe(this.vatId, this.translator.toKernel(this.vatId, subscribe.promise(), VatTranslator.Mode.NORMAL));
		}
		else if (syscall instanceof VatSyscall.Resolve resolve) {
			resolve(resolve.resolutions());
		}
		else if (syscall instanceof VatSyscall.Exit exit) {
			this.crank.requestExit(exit.isFailure(), this.translator.capDataToKernel(this.vatId, exit.info()));
		}
		else if (syscall instanceof VatSyscall.VatstoreGet get) {
			String value = this.vatstore.get(this.vatId, get.key()).orElse(null);
			return VatSyscallResult.ok(value == null || value.isEmpty() ? null : value);
		}
		else if (syscall instanceof VatSyscall.VatstoreGetNextKey next) {
			return VatSyscallResult.ok(this.vatstore.nextKey(this.vatId, next.priorKey()).orElse(null));
		}
		else if (syscall instanceof VatSyscall.VatstoreSet set) {
			this.vatstore.set(this.vatId, set.key(), set.value());
		}
		else if (syscall instanceof VatSyscall.VatstoreDelete delete) {
			this.vatstore.delete(this.vatId, delete.key());
		}
		else if (syscall instanceof VatSyscall.DropImports drop) {
			for (String vref : drop.vrefs()) {
				KernelRef kref = gcRef(vref, false);
				this.translator.clearReachable(this.vatId, kref);
			}
		}
		else if (syscall instanceof VatSyscall.RetireImports retire) {
			for (String vref : retire.vrefs()) {
				ClistEntry entry = gcEntry(vref, false);
				if (entry.reachable()) {
					throw new IllegalSyscallException("retireImports but " + vref + " is still reachable");
				}
				this.translator.deleteEntry(this.vatId, entry.kref());
			}
		}
		else if (syscall instanceof VatSyscall.RetireExports retire) {
			for (String vref : retire.vrefs()) {
				ClistEntry entry = gcEntry(vref, true);
				if (entry.reachable()) {
					throw new IllegalSyscallException(entry.kref() + " was reachable, oops");
				}
				this.translator.deleteEntry(this.vatId, entry.kref());
				// Importers are told retireImports; the object is gone.
				this.refCounts.retireKernelObjects(List.of(entry.kref()));
			}
		}
		else if (syscall instanceof VatSyscall.AbandonExports abandon) {
			for (String vref : abandon.vrefs()) {
				// Orphaned: importers keep it until they drop it; then it is retired.
				this.translator.orphanExport(this.vatId, gcEntry(vref, true).kref());
			}
		}
		else if (syscall instanceof VatSyscall.CallNow call) {
			return callNow(call);
		}
		else if (syscall instanceof VatSyscall.Unrecognized unrecognized) {
			throw new IllegalSyscallException(unrecognized.problem() + " in " + unrecognized.json());
		}
		return VatSyscallResult.ok();
	}

	/**
	 * SwingSet's {@code invoke}: synchronous; the result (capdata, or the error the vat's
	 * {@code D()} throws with) goes into the transcript like any syscall result, so replay never
	 * calls the device again.
	 */
	private VatSyscallResult callNow(VatSyscall.CallNow call) {
		KernelRef target = this.translator.toKernel(this.vatId, call.target(), VatTranslator.Mode.NORMAL);
		if (!target.isDevice()) {
			throw new IllegalSyscallException("callNow target " + call.target() + " is not a device node");
		}
		for (String slot : call.args().slots()) {
			if (VatRef.isVatRef(slot) && VatRef.of(slot).isPromise()) {
				throw new IllegalSyscallException("callNow() arguments cannot include a promise");
			}
		}
		CapData args = this.translator.capDataToKernel(this.vatId, call.args());
		Devices.Result result = this.devices.invoke(target, call.method(), args, this.hooks);
		if (!result.ok()) {
			return VatSyscallResult.error(String.valueOf(result.problem()));
		}
		return VatSyscallResult.ok(this.translator.capDataToVat(this.vatId, java.util.Objects.requireNonNull(result.data())));
	}

	private void send(VatSyscall.Send send) {
		KernelRef target = this.translator.toKernel(this.vatId, send.target(), VatTranslator.Mode.NORMAL);
		CapData methargs = this.translator.capDataToKernel(this.vatId, send.message().methargs());
		KernelRef result = null;
		String resultVref = send.message().result();
		if (resultVref != null) {
			requirePromise(resultVref);
			// Liveslots vats do not pipeline, so a result must be a promise the vat just made.
			result = this.translator.toKernel(this.vatId, resultVref, VatTranslator.Mode.REQUIRE_NEW);
			KernelPromise p = this.queue.promise(result);
			if (!p.isUnresolved()) {
				throw new IllegalSyscallException("send() result " + result + " is already resolved");
			}
			if (!this.vatId.equals(p.deciderVatId())) {
				throw new IllegalSyscallException("send() result " + result + " is decided by " + p.deciderVatId());
			}
			// The authority to resolve travels with the message.
			this.queue.setDecider(result, null);
		}
		this.queue.doSend(target, new VatMessage(methargs, result == null ? null : result.value()));
	}

	private void resolve(List<Resolution> resolutions) {
		List<KernelResolution> kernelResolutions = new ArrayList<>();
		for (Resolution r : resolutions) {
			requirePromise(r.promise());
			if (!r.rejected()) {
				Refs.singleSlot(r.data()).filter(Refs::isPromise).ifPresent(slot -> {
					throw new IllegalSyscallException("cannot resolve to a promise");
				});
			}
			KernelRef kpid = this.translator.toKernel(this.vatId, r.promise(), VatTranslator.Mode.NORMAL);
			kernelResolutions.add(new KernelResolution(kpid, r.rejected(),
					this.translator.capDataToKernel(this.vatId, r.data())));
		}
		// The vat forgets a promise once it resolves it; a later mention gets a new vref.
		for (KernelResolution r : kernelResolutions) {
			this.translator.deleteEntry(this.vatId, r.kpid());
		}
		for (KernelResolution r : kernelResolutions) {
			this.queue.doResolve(this.vatId, r.kpid(), r.rejected(), r.data(), this.crank);
		}
	}

	/** A resolution in kernel space. */
	private record KernelResolution(KernelRef kpid, boolean rejected, CapData data) {
	}

	private KernelRef gcRef(String vref, boolean export) {
		return gcEntry(vref, export).kref();
	}

	private ClistEntry gcEntry(String vref, boolean export) {
		VatRef ref = VatRef.isVatRef(vref) ? VatRef.of(vref) : null;
		if (ref == null || !ref.isObject() || ref.allocatedByVat() != export) {
			throw new IllegalSyscallException("GC syscall needs " + (export ? "an export" : "an import") + ", not " + vref);
		}
		ClistEntry entry = this.translator.entryForVref(this.vatId, ref);
		if (entry == null) {
			throw new IllegalSyscallException("vref " + vref + " not in clist");
		}
		return entry;
	}

	private static void requirePromise(String vref) {
		if (!vref.startsWith("p")) {
			throw new IllegalSyscallException(vref + " is not a promise");
		}
	}

}
