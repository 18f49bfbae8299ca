package org.vatkernel.kernel;

/**
 * A host request the kernel refuses without changing anything: an unknown id, a bundle that is
 * not a bundle, a vat that is already terminated. {@code type} is a stable name for the kind of
 * refusal (the API's problem type); {@code kind} says whose fault it is.
 */
public class RequestRefusedException extends RuntimeException {

	public enum Kind {

		/** The thing named does not exist. */
		NOT_FOUND,
		/** The request is malformed or names something unusable. */
		INVALID,
		/** The request is fine but the kernel's state does not allow it now. */
		CONFLICT

	}

	private final String type;

	private final Kind kind;

	public RequestRefusedException(String type, Kind kind, String message) {
		super(message);
		this.type = type;
		this.kind = kind;
	}

	public String type() {
		return this.type;
	}

	public Kind kind() {
		return this.kind;
	}

}
