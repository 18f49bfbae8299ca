package org.vatkernel.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
	public java.util.Map<Path, String> bundleAll(java.util.List<Path> sources) {
		java.util.Map<Path, String> bundles = new java.util.LinkedHashMap<>();
		java.util.List<Path> outputs = new java.util.ArrayList<>();
		try {
			java.util.List<String> command = new java.util.ArrayList<>(
					java.util.List.of("node", this.properties.bundler().toAbsolutePath().toString(), "--many"));
			for (Path source : sources) {
				Path out = Files.createTempFile("vat-", ".bundle");
				outputs.add(out);
				command.add(source.toAbsolutePath().toString());
				command.add(out.toString());
			}
			Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(node.getInputStream().readAllBytes());
			if (!node.waitFor(5, TimeUnit.MINUTES) || node.exitValue() != 0) {
				throw new BundlingException(output.strip().isEmpty() ? "bundling " + sources + " failed" : output.strip());
			}
			for (int i = 0; i < sources.size(); i++) {
				bundles.put(sources.get(i), Files.readString(outputs.get(i)));
			}
			return bundles;
		}
		catch (IOException ex) {
			throw new BundlingException("bundling " + sources + " failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BundlingException("interrupted while bundling " + sources);
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

	/** The {@code endoZipBase64} bundle JSON of {@code source}. */
	public String bundle(Path source) {
		try {
			Path out = Files.createTempFile("vat-", ".bundle");
			try {
				Process node = new ProcessBuilder("node", this.properties.bundler().toAbsolutePath().toString(), "--one",
						source.toAbsolutePath().toString(), out.toString())
					.redirectErrorStream(true)
					.start();
				String output = new String(node.getInputStream().readAllBytes());
				if (!node.waitFor(5, TimeUnit.MINUTES) || node.exitValue() != 0) {
					throw new BundlingException("bundling " + source + " failed: " + output.strip());
				}
				return Files.readString(out);
			}
			finally {
				Files.deleteIfExists(out);
			}
		}
		catch (IOException ex) {
			throw new BundlingException("bundling " + source + " failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BundlingException("interrupted while bundling " + source);
		}
	}

}
