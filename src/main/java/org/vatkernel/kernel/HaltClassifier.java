package org.vatkernel.kernel;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.vatkernel.model.VatId;
import org.vatkernel.worker.SyscallHandlerException;
import org.vatkernel.worker.WorkerDiedException;

/**
 * Says what a crank that threw means for the halt: which vat's worker saw it (so that only that
 * worker is discarded), the exit code or signal of a worker that died, and a bounded label of
 * the death for metrics and the restart valve. Anything thrown from a crank halts the kernel;
 * only a worker death may be retried automatically.
 */
final class HaltClassifier {

	/**
	 * The halt: its reason, and for a worker death its bounded cause ({@code signal-9},
	 * {@code exit-1}, {@code timeout}…); null when something else failed.
	 */
	record Halt(HaltReason reason, @Nullable String workerDeathCause) {
	}

	private HaltClassifier() {
	}

	static Halt classify(RuntimeException cause, long crankNumber, Instant at) {
		WorkerDiedException died = findCause(cause, WorkerDiedException.class);
		SyscallHandlerException handler = findCause(cause, SyscallHandlerException.class);
		VatId vatId = died != null ? died.vatId() : handler != null ? handler.vatId() : null;
		HaltReason reason = new HaltReason(cause.getMessage() == null ? cause.toString() : cause.getMessage(), vatId,
				died != null ? died.exitCode() : null, died != null ? died.signal() : null, crankNumber, at,
				died == null || died.stderrTail().isBlank() ? null : died.stderrTail());
		return new Halt(reason, died != null ? deathCause(died) : null);
	}

	/** A bounded label for a worker death: its signal, its exit code, or how the pipe failed. */
	static String deathCause(WorkerDiedException died) {
		if (died.signal() != null) {
			return "signal-" + died.signal();
		}
		if (died.exitCode() != null) {
			return "exit-" + died.exitCode();
		}
		return died.failure().name().toLowerCase(Locale.ROOT);
	}

	private static <T extends Throwable> @Nullable T findCause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
