package org.vatkernel.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end for a test: its exit code and standard output, killed at a deadline. */
public final class Commands {

	public record Result(int code, String out) {
	}

	private Commands() {
	}

	/**
	 * Starts {@code builder} and waits at most {@code deadline}; the output is read on another
	 * thread, so that a command that hangs is killed (with its descendants) rather than left running.
	 */
	public static Result run(ProcessBuilder builder, Duration deadline) throws IOException, InterruptedException {
		Process process = builder.start();
		CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
			try {
				return process.getInputStream().readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor();
			throw new AssertionError(String.join(" ", builder.command()) + " did not end within " + deadline);
		}
		return new Result(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
	}

}
