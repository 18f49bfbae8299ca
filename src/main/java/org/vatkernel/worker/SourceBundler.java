package org.vatkernel.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.springframework.stereotype.Component;

/**
 * Runs the build's pinned {@code bundle-source} (through Node.js) on a vat source file: the
 * worker module is the one that starts processes, so the kernel asks it here.
 */
@Component
public class SourceBundler {

	/** Bundling failed; the message says why, with what the bundler printed. */
	public static class BundlingException extends RuntimeException {

		BundlingException(String message) {
			super(message);
		}

	}

	private final WorkerProperties properties;

	public SourceBundler(WorkerProperties properties) {
		this.properties = properties;
	}

	/**
	 * The bundles of several sources from one Node process (Node's start and loading
	 * {@code bundle-source} cost more than bundling a small vat), in the order given.
	 */
	public Map<Path, String> bundleAll(List<Path> sources) {
		return run("--many", sources, output -> output.isEmpty() ? "bundling " + sources + " failed" : output,
				"bundling " + sources);
	}

	/** The {@code endoZipBase64} bundle JSON of {@code source}. */
	public String bundle(Path source) {
		return run("--one", List.of(source), output -> "bundling " + source + " failed: " + output, "bundling " + source)
			.get(source);
	}

	/**
	 * Runs {@code bundle-vats.mjs <mode> <source> <output> …} with a temporary output file per
	 * source; {@code failure} turns what the bundler printed into the error message.
	 */
	private Map<Path, String> run(String mode, List<Path> sources, Function<String, String> failure, String what) {
		Map<Path, String> bundles = new LinkedHashMap<>();
		List<Path> outputs = new ArrayList<>();
		try {
			List<String> command = new ArrayList<>(List.of("node", this.properties.bundler().toAbsolutePath().toString(), mode));
			for (Path source : sources) {
				Path out = Files.createTempFile("vat-", ".bundle");
				outputs.add(out);
				command.add(source.toAbsolutePath().toString());
				command.add(out.toString());
			}
			Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(node.getInputStream().readAllBytes());
			if (!node.waitFor(5, TimeUnit.MINUTES) || node.exitValue() != 0) {
				throw new BundlingException(failure.apply(output.strip()));
			}
			for (int i = 0; i < sources.size(); i++) {
				bundles.put(sources.get(i), Files.readString(outputs.get(i)));
			}
			return bundles;
		}
		catch (IOException ex) {
			throw new BundlingException(what + " failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BundlingException("interrupted while " + what);
		}
		finally {
			for (Path out : outputs) {
				try {
					Files.deleteIfExists(out);
				}
				catch (IOException ex) {
					// a temporary file left behind is only disk space
				}
			}
		}
	}

}
