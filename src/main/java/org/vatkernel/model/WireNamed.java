package org.vatkernel.model;

/**
 * An enum constant with the name SwingSet (and so the kernel DB and the API) gives it, which
 * is not its Java name ({@code fulfilled}, {@code logAlways}, {@code acceptance}).
 */
public interface WireNamed {

	String wireName();

	/** The constant of {@code type} named {@code name}; an unknown name is a bug where it was written. */
	static <E extends Enum<E> & WireNamed> E of(Class<E> type, String name) {
		for (E constant : type.getEnumConstants()) {
			if (constant.wireName().equals(name)) {
				return constant;
			}
		}
		throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + name);
	}

}
