package org.vatkernel.kernel.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.stereotype.Component;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.worker.SourceBundler;
import tools.jackson.databind.JsonNode;

/**
 * Turns a vat source into an {@code endoZipBase64} bundle (the worker module's
 * {@link SourceBundler} runs {@code bundle-source}), and computes SwingSet's bundle id.
 */
@Component
class VatBundler {

	private final SourceBundler bundler;

	VatBundler(SourceBundler bundler) {
		this.bundler = bundler;
	}

	/** Bundles made ahead by {@link #prepare}, by source path. */
	private final java.util.Map<Path, String> prepared = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Bundles the sources a config names in one go (those that exist; a missing one is refused
	 * by {@link #bundleSource} in the config's own order). A failure here is left for
	 * {@link #bundleSource} to report for its source.
	 */
	void prepare(java.util.Collection<Path> sources) {
		java.util.List<Path> existing = sources.stream().distinct().filter(Files::isRegularFile).toList();
		if (existing.size() < 2) {
			return;
		}
		try {
			this.prepared.putAll(this.bundler.bundleAll(existing));
		}
		catch (SourceBundler.BundlingException ex) {
			// one by one below, so that the error names the vat's own source
		}
	}

	String bundleSource(Path source) {
		if (!Files.isRegularFile(source)) {
			throw new KernelConfigException("vat source " + source + " does not exist");
		}
		String prepared = this.prepared.remove(source);
		if (prepared != null) {
			return prepared;
		}
		try {
			return this.bundler.bundle(source);
		}
		catch (SourceBundler.BundlingException ex) {
			throw new KernelConfigException(ex.getMessage());
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
