package org.vatkernel.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.vatkernel.kernel.HaltReason;

/**
 * A halt in one sentence for the console's banner: whose worker, how it died (signal or exit
 * code), at which crank and when; the worker's last stderr lines apart, and the full message for
 * whoever needs it.
 */
record HaltBanner(String sentence, @Nullable String stderrTail, String message, long crankNumber) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	static HaltBanner of(HaltReason halt, @Nullable String vatName) {
		String when = " during crank " + halt.crankNumber() + " at " + TIME.format(halt.time()) + ".";
		String sentence;
		if (halt.vatId() != null && (halt.signal() != null || halt.exitCode() != null)) {
			String vat = "vat " + halt.vatId() + (vatName == null ? "" : " (" + vatName + ")");
			String death = halt.signal() != null ? "was killed by signal " + halt.signal()
					: "exited with code " + halt.exitCode();
			sentence = "The worker of " + vat + " " + death + when;
		}
		else if (halt.vatId() != null) {
			sentence = "The kernel halted on vat " + halt.vatId() + (vatName == null ? "" : " (" + vatName + ")")
					+ when + " " + firstLine(halt.message());
		}
		else {
			sentence = "The kernel halted" + when + " " + firstLine(halt.message());
		}
		return new HaltBanner(sentence, halt.stderrTail(), halt.message(), halt.crankNumber());
	}

	private static String firstLine(String message) {
		String line = message.lines().findFirst().orElse("");
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}

}
