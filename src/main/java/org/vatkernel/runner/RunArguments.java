package org.vatkernel.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@code run} was asked to do: the config, the limits, the slog file, and Spring properties
 * passed through ({@code --name=value}, e.g. {@code --kernel.worker.compute-limit=…}).
 *
 * @param crankLimit stop after this many cranks (null: no limit)
 * @param timeLimit stop once this much wall time has passed (null: no limit)
 */
record RunArguments(Path config, @Nullable Long crankLimit, @Nullable Duration timeLimit, @Nullable Path slog,
		Map<String, String> properties) {

	static final String USAGE = "usage: java -jar vatkernel.jar run CONFIG.json [--crank-limit N] [--time-limit 30s]"
			+ " [--slog FILE] [--spring.property=value …]";

	/** Refused arguments, with a message that names what was wrong. */
	static final class BadArguments extends RuntimeException {

		BadArguments(String message) {
			super(message);
		}

	}

	static RunArguments parse(List<String> args) {
		Path config = null;
		Long crankLimit = null;
		Duration timeLimit = null;
		Path slog = null;
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			switch (arg) {
				case "--crank-limit" -> crankLimit = crankLimit(value(args, ++i, arg));
				case "--time-limit" -> timeLimit = timeLimit(value(args, ++i, arg));
				case "--slog" -> slog = Path.of(value(args, ++i, arg)).toAbsolutePath();
				default -> {
					if (arg.startsWith("--") && arg.contains("=")) {
						properties.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
					}
					else if (arg.startsWith("-")) {
						throw new BadArguments("unknown option " + arg + "\n" + USAGE);
					}
					else if (config != null) {
						throw new BadArguments("one config only, got " + config + " and " + arg + "\n" + USAGE);
					}
					else {
						config = Path.of(arg).toAbsolutePath().normalize();
					}
				}
			}
		}
		if (config == null) {
			throw new BadArguments("no config given\n" + USAGE);
		}
		if (!Files.isRegularFile(config)) {
			throw new BadArguments("config " + config + " does not exist or is not a file");
		}
		if (!Files.isReadable(config)) {
			throw new BadArguments("config " + config + " is not readable");
		}
		return new RunArguments(config, crankLimit, timeLimit, slog, Map.copyOf(properties));
	}

	private static String value(List<String> args, int i, String option) {
		if (i >= args.size()) {
			throw new BadArguments(option + " needs a value\n" + USAGE);
		}
		return args.get(i);
	}

	private static long crankLimit(String text) {
		try {
			long limit = Long.parseLong(text);
			if (limit > 0) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new BadArguments("--crank-limit must be a whole number above 0, got '" + text + "'");
	}

	/** {@code 30s}, {@code 2m}, {@code 500ms}, or ISO-8601 ({@code PT30S}). */
	private static Duration timeLimit(String text) {
		try {
			Duration limit;
			if (text.matches("[0-9]+ms")) {
				limit = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
			}
			else if (text.matches("[0-9]+[smh]")) {
				limit = Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
			}
			else {
				limit = Duration.parse(text);
			}
			if (!limit.isNegative() && !limit.isZero()) {
				return limit;
			}
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			// refused below
		}
		throw new BadArguments("--time-limit must be a positive duration such as 30s, 2m or 500ms, got '" + text + "'");
	}

}
