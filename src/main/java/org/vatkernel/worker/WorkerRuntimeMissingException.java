package org.vatkernel.worker;

import java.nio.file.Path;

/** The worker runtime is not where the configuration says: the application cannot start. */
public class WorkerRuntimeMissingException extends RuntimeException {

	private final String property;

	private final Path path;

	private final String problem;

	public WorkerRuntimeMissingException(String property, Path path, String problem) {
		super("The xsnap worker runtime is incomplete: " + path + " (" + property + ") " + problem + ". "
				+ action(property));
		this.property = property;
		this.path = path;
		this.problem = problem;
	}

	/** What an operator does about it. */
	static String action(String property) {
		if (property.equals(EmbeddedWorkerRuntime.CACHE_DIR)) {
			return "Point kernel.worker.cache-dir at a directory this user can write (default: $XDG_CACHE_HOME/vatkernel"
					+ " or ~/.cache/vatkernel), or kernel.worker.runtime-dir at an unpacked runtime.";
		}
		return "Build it with ./mvnw verify (or ./mvnw generate-resources), or point " + property
				+ " (or kernel.worker.runtime-dir) at an existing one.";
	}

	public String property() {
		return this.property;
	}

	public Path path() {
		return this.path;
	}

	public String problem() {
		return this.problem;
	}

}
