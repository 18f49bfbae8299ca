package org.vatkernel.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * SwingSet orders keys as SQLite does: by their UTF-8 bytes. Java's {@code String.compareTo}
 * orders UTF-16 code units, which differs for characters outside the BMP.
 */
public final class ByteOrder {

	private ByteOrder() {
	}

	public static int compare(String a, String b) {
		return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
