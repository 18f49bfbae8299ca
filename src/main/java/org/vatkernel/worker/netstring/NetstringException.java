package org.vatkernel.worker.netstring;

import java.io.IOException;

/**
 * A netstring frame that breaks the framing rules: a non-digit in the length, a length over
 * the limit, a missing {@code ,}, or a stream that ends inside a frame. Carries the bytes read
 * so far so that the error can show what the peer actually sent.
 */
public class NetstringException extends IOException {

	private final byte[] badBytes;

	public NetstringException(String message, byte[] badBytes) {
		super(message + describe(badBytes));
		this.badBytes = badBytes.clone();
	}

	public byte[] badBytes() {
		return this.badBytes.clone();
	}

	private static String describe(byte[] bytes) {
		if (bytes.length == 0) {
			return "";
		}
		int shown = Math.min(bytes.length, 64);
		StringBuilder sb = new StringBuilder(" (first bytes: \"");
		for (int i = 0; i < shown; i++) {
			int b = bytes[i] & 0xff;
			sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
		}
		return sb.append(bytes.length > shown ? "…\")" : "\")").toString();
	}

}
