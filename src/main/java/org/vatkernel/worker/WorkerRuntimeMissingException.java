package org.vatkernel.worker;

import java.nio.file.Path;

/** The worker runtime is not where the configuration says: the application cannot start. */
public class WorkerRuntimeMissingException extends RuntimeException {

	private final Path path;

	public WorkerRuntimeMissingException(String property, Path path, String problem) {
		super("The xsnap worker runtime is incomplete: " + path + " (" + property + ") " + problem
				+ ". Build it with ./mvnw verify (or ./mvnw generate-resources), or point " + property
				+ " at an existing file.");
		this.path = path;
	}

	public Path path() {
		return this.path;
	}

}
