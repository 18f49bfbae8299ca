package org.vatkernel.kernel.crank;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vatkernel.kernel.VatTermination;
import org.vatkernel.model.CapData;
import org.vatkernel.model.VatId;
import org.vatkernel.worker.MeteringFault;

/**
 * What one crank learns while it runs, decided on at its end (SwingSet's DeliveryStatus and
 * the kernel panic flag): an illegal syscall, a vat's exit request, a panic, and the vat's
 * test-log lines (kept even when the delivery is aborted, as SwingSet's in-memory log is).
 */
public final class CrankContext {

	/** A vat's {@code syscall.exit}. */
	record ExitRequest(boolean isFailure, CapData info) {
	}

	/** A test-log line and the vat that wrote it. */
	record TestLogLine(VatId vatId, String line) {
	}

	private final long crankNumber;

	private @Nullable String illegalSyscall;

	private @Nullable ExitRequest exitRequest;

	private @Nullable String panic;

	private final List<TestLogLine> testLog = new ArrayList<>();

	private @Nullable VatId deliveredTo;

	private @Nullable String deliveryType;

	private long workerNanos;

	private long transcriptLength = -1;

	private long computrons;

	private @Nullable MeteringFault meteringFault;

	private final List<VatTermination> terminations = new ArrayList<>();

	public CrankContext(long crankNumber) {
		this.crankNumber = crankNumber;
	}

	public long crankNumber() {
		return this.crankNumber;
	}

	void illegalSyscall(String problem) {
		if (this.illegalSyscall == null) {
			this.illegalSyscall = problem;
		}
	}

	@Nullable String illegalSyscall() {
		return this.illegalSyscall;
	}

	void requestExit(boolean isFailure, CapData info) {
		this.exitRequest = new ExitRequest(isFailure, info);
	}

	@Nullable ExitRequest exitRequest() {
		return this.exitRequest;
	}

	public void panic(String problem) {
		if (this.panic == null) {
			this.panic = problem;
		}
	}

	public @Nullable String panic() {
		return this.panic;
	}

	void testLog(VatId vatId, List<String> lines) {
		lines.forEach(line -> this.testLog.add(new TestLogLine(vatId, line)));
	}

	List<TestLogLine> testLog() {
		return this.testLog;
	}

	private org.vatkernel.model.@Nullable KernelRef messageResult;

	/** The result promise of the message this crank delivers, if it has one. */
	void messageResult(org.vatkernel.model.@Nullable KernelRef kpid) {
		this.messageResult = kpid;
	}

	org.vatkernel.model.@Nullable KernelRef messageResult() {
		return this.messageResult;
	}

	private @Nullable Boolean upgraded;

	private @Nullable String activityHash;

	private long activityHashNanos;

	void activityHash(String hash, long costNanos) {
		this.activityHash = hash;
		this.activityHashNanos = costNanos;
	}

	/** What the activity hash cost this crank: encoding its writes, hashing, storing the link. */
	public long activityHashNanos() {
		return this.activityHashNanos;
	}


	/** The activity hash after this crank (sealed when it finished). */
	public @Nullable String activityHash() {
		return this.activityHash;
	}


	/** An upgrade this crank processed: whether it succeeded. */
	void upgraded(boolean succeeded) {
		this.upgraded = succeeded;
	}

	/** Whether this crank upgraded a vat (true), failed to (false), or had no upgrade (null). */
	public @Nullable Boolean upgraded() {
		return this.upgraded;
	}

	void delivered(VatId vatId, String type, long workerNanos) {
		this.deliveredTo = vatId;
		this.deliveryType = type;
		this.workerNanos = workerNanos;
	}

	public @Nullable VatId deliveredTo() {
		return this.deliveredTo;
	}

	public @Nullable String deliveryType() {
		return this.deliveryType;
	}

	public long workerNanos() {
		return this.workerNanos;
	}

	void meterUsage(long computrons, @Nullable MeteringFault meteringFault) {
		this.computrons = computrons;
		this.meteringFault = meteringFault;
	}

	public long computrons() {
		return this.computrons;
	}

	public @Nullable MeteringFault meteringFault() {
		return this.meteringFault;
	}

	void terminated(VatTermination termination) {
		this.terminations.add(termination);
	}

	public List<VatTermination> terminations() {
		return this.terminations;
	}

	void transcriptLength(long length) {
		this.transcriptLength = length;
	}

	/** The delivered vat's transcript length after this crank's entry. */
	long transcriptLength() {
		return this.transcriptLength;
	}

}
