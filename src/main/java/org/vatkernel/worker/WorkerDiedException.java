package org.vatkernel.worker;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.VatId;

/**
 * A worker ended in a way that is not a metering fault: a signal, an exit code other than 11,
 * 12 or 17, EOF, a malformed reply, a failure to start. It may not have happened on other
 * nodes, so nothing of the delivery may be committed: it is unchecked so that it rolls back
 * the caller's transaction, and it is never turned into a delivery result.
 */
public class WorkerDiedException extends RuntimeException {

	private final VatId vatId;

	private final WorkerPhase phase;

	private final WorkerFailure failure;

	private final ExitStatus exitStatus;

	private final String stderrTail;

	private final @Nullable String delivery;

	public WorkerDiedException(VatId vatId, WorkerPhase phase, WorkerFailure failure, ExitStatus exitStatus,
			String stderrTail, @Nullable String delivery, String detail, @Nullable Throwable cause) {
		super(message(vatId, phase, exitStatus, delivery, detail, stderrTail), cause);
		this.vatId = vatId;
		this.phase = phase;
		this.failure = failure;
		this.exitStatus = exitStatus;
		this.stderrTail = stderrTail;
		this.delivery = delivery;
	}

	private static String message(VatId vatId, WorkerPhase phase, ExitStatus status, @Nullable String delivery,
			String detail, String stderrTail) {
		StringBuilder sb = new StringBuilder("worker for vat ").append(vatId)
			.append(" died during ")
			.append(phase.name().toLowerCase())
			.append(": ")
			.append(detail)
			.append(" (")
			.append(status)
			.append(')');
		if (delivery != null) {
			sb.append("; delivering ").append(abbreviate(delivery, 200));
		}
		if (!stderrTail.isEmpty()) {
			sb.append("; stderr tail: ").append(abbreviate(stderrTail, 2000));
		}
		return sb.toString();
	}

	private static String abbreviate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max) + "…";
	}

	public VatId vatId() {
		return this.vatId;
	}

	public WorkerPhase phase() {
		return this.phase;
	}

	public WorkerFailure failure() {
		return this.failure;
	}

	public ExitStatus exitStatus() {
		return this.exitStatus;
	}

	public @Nullable Integer exitCode() {
		return this.exitStatus.exitCode();
	}

	public @Nullable Integer signal() {
		return this.exitStatus.signal();
	}

	public String stderrTail() {
		return this.stderrTail;
	}

	/** The delivery in flight (JSON, vat space), or null outside a delivery. */
	public @Nullable String delivery() {
		return this.delivery;
	}

}
