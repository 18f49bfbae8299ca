package org.vatkernel.worker;

import org.jspecify.annotations.Nullable;

/**
 * How a worker process ended: an exit code, a signal, or not at all (still running).
 *
 * Java reports a process killed by signal N as exit value 128 + N. xsnap never exits with such
 * a code itself (its own codes are 0–17 and 255 for -1), so values 129–192 are read as signals.
 */
public record ExitStatus(@Nullable Integer exitCode, @Nullable Integer signal) {

	public static final ExitStatus RUNNING = new ExitStatus(null, null);

	public static ExitStatus fromExitValue(int value) {
		if (value > 128 && value <= 128 + 64) {
			return new ExitStatus(null, value - 128);
		}
		return new ExitStatus(value, null);
	}

	public static ExitStatus exited(int code) {
		return new ExitStatus(code, null);
	}

	public static ExitStatus signaled(int signal) {
		return new ExitStatus(null, signal);
	}

	public boolean isRunning() {
		return this.exitCode == null && this.signal == null;
	}

	@Override
	public String toString() {
		if (this.signal != null) {
			return "killed by signal " + this.signal + signalName(this.signal);
		}
		if (this.exitCode != null) {
			return "exit code " + this.exitCode;
		}
		return "still running";
	}

	private static String signalName(int signal) {
		return switch (signal) {
			case 6 -> " (SIGABRT)";
			case 9 -> " (SIGKILL)";
			case 11 -> " (SIGSEGV)";
			case 13 -> " (SIGPIPE)";
			case 15 -> " (SIGTERM)";
			default -> "";
		};
	}

}
