package org.vatkernel.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.worker.WorkerProperties;
import tools.jackson.databind.JsonNode;

/**
 * Turns a vat source into an {@code endoZipBase64} bundle with the build's pinned
 * {@code bundle-source} (through Node.js), and computes SwingSet's bundle id.
 */
@Component
class VatBundler {

	private final WorkerProperties properties;

	VatBundler(WorkerProperties properties) {
		this.properties = properties;
	}

	String bundleSource(Path source) {
		if (!Files.isRegularFile(source)) {
			throw new KernelConfigException("vat source " + source + " does not exist");
		}
		try {
			Path out = Files.createTempFile("vat-", ".bundle");
			try {
				Process node = new ProcessBuilder("node", this.properties.bundler().toAbsolutePath().toString(), "--one",
						source.toAbsolutePath().toString(), out.toString())
					.redirectErrorStream(true)
					.start();
				String output = new String(node.getInputStream().readAllBytes());
				if (!node.waitFor(5, TimeUnit.MINUTES) || node.exitValue() != 0) {
					throw new KernelConfigException("bundling " + source + " failed: " + output.strip());
				}
				return Files.readString(out);
			}
			finally {
				Files.deleteIfExists(out);
			}
		}
		catch (IOException ex) {
			throw new KernelConfigException("bundling " + source + " failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KernelConfigException("interrupted while bundling " + source);
		}
	}

	/** {@code b1-<endoZipBase64Sha512>}, the id SwingSet gives an endoZipBase64 bundle. */
	static String bundleId(String bundleJson) {
		JsonNode bundle;
		try {
			bundle = VatProtocolJson.parse(bundleJson);
		}
		catch (IllegalArgumentException ex) {
			throw new KernelConfigException("bundle is " + ex.getMessage());
		}
		if (!"endoZipBase64".equals(bundle.path("moduleFormat").asString(""))
				|| !bundle.path("endoZipBase64Sha512").isString()) {
			throw new KernelConfigException("bundle is not an endoZipBase64 bundle with endoZipBase64Sha512");
		}
		return "b1-" + bundle.path("endoZipBase64Sha512").stringValue();
	}

}
