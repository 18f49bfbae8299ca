package org.vatkernel.worker;

import org.jspecify.annotations.Nullable;

/**
 * Decides, in one place, whether a failed worker command is a metering fault or an unknown
 * death. A metering fault is deterministic — the same on every node — so it is a legitimate
 * outcome of a delivery that the kernel commits. Everything else may be local to this host
 * (an OOM killer, an operator's kill, a crash) and must never be committed.
 *
 * Only xsnap's own exit codes count, and only when the worker exited by itself while a
 * delivery was in flight: a worker the host killed, one that timed out, or one that broke the
 * protocol is an unknown death whatever its exit code.
 */
public final class WorkerDeathClassifier {

	/** The verdict: which meter, for a metering fault; null for an unknown death. */
	public record Verdict(@Nullable MeteringFault meteringFault) {

		public boolean isMeteringFault() {
			return this.meteringFault != null;
		}

	}

	private static final Verdict UNKNOWN_DEATH = new Verdict(null);

	private WorkerDeathClassifier() {
	}

	public static Verdict classify(WorkerPhase phase, WorkerFailure failure, ExitStatus status) {
		if (phase != WorkerPhase.DELIVERY || failure != WorkerFailure.PIPE_CLOSED || status.exitCode() == null) {
			return UNKNOWN_DEATH;
		}
		return switch (status.exitCode()) {
			case 17 -> new Verdict(MeteringFault.COMPUTE);
			case 12 -> new Verdict(MeteringFault.STACK);
			case 11 -> new Verdict(MeteringFault.ALLOCATE);
			default -> UNKNOWN_DEATH;
		};
	}

}
