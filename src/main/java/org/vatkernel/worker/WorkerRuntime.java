package org.vatkernel.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;

/**
 * The checked and loaded worker runtime: the {@code xsnap-worker} binary and the lockdown and
 * supervisor bundles every fresh worker evaluates. Checked once at start-up so that a missing
 * build output fails the application with a message naming the path, not the first delivery.
 */
public final class WorkerRuntime {

	/** A {@code nestedEvaluate} bundle and the ID SwingSet gives it ({@code b0-<sha256 of the file>}). */
	public record BootBundle(String bundleId, String source) {
	}

	private final Path xsnap;

	private final BootBundle lockdown;

	private final BootBundle supervisor;

	private WorkerRuntime(Path xsnap, BootBundle lockdown, BootBundle supervisor) {
		this.xsnap = xsnap;
		this.lockdown = lockdown;
		this.supervisor = supervisor;
	}

	/**
	 * Checks the paths and loads the bundles.
	 * @throws WorkerRuntimeMissingException naming the first path that is missing or unusable
	 */
	public static WorkerRuntime load(WorkerProperties properties) {
		Path xsnap = properties.xsnap().toAbsolutePath();
		if (!Files.isRegularFile(xsnap)) {
			throw new WorkerRuntimeMissingException("kernel.worker.xsnap", xsnap, "does not exist");
		}
		if (!Files.isExecutable(xsnap)) {
			throw new WorkerRuntimeMissingException("kernel.worker.xsnap", xsnap, "is not executable");
		}
		BootBundle lockdown = loadBundle("kernel.worker.lockdown-bundle", properties.lockdownBundle());
		BootBundle supervisor = loadBundle("kernel.worker.supervisor-bundle", properties.supervisorBundle());
		return new WorkerRuntime(xsnap, lockdown, supervisor);
	}

	private static BootBundle loadBundle(String property, Path path) {
		Path file = path.toAbsolutePath();
		if (!Files.isRegularFile(file)) {
			throw new WorkerRuntimeMissingException(property, file, "does not exist");
		}
		try {
			byte[] bytes = Files.readAllBytes(file);
			JsonNode bundle = VatProtocolJson.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
			if (!"nestedEvaluate".equals(bundle.path("moduleFormat").asString(""))
					|| !bundle.path("source").isString()) {
				throw new WorkerRuntimeMissingException(property, file, "is not a nestedEvaluate bundle");
			}
			return new BootBundle("b0-" + sha256(bytes), bundle.path("source").stringValue());
		}
		catch (IOException ex) {
			throw new WorkerRuntimeMissingException(property, file, "cannot be read: " + ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			throw new WorkerRuntimeMissingException(property, file, "is not JSON: " + ex.getMessage());
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Path xsnap() {
		return this.xsnap;
	}

	public BootBundle lockdown() {
		return this.lockdown;
	}

	public BootBundle supervisor() {
		return this.supervisor;
	}

}
