package org.vatkernel.worker.netstring;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes netstrings ({@code <length>:<bytes>,}); the length counts bytes, not characters. */
public final class NetstringWriter {

	private final OutputStream out;

	public NetstringWriter(OutputStream out) {
		this.out = out;
	}

	/** Writes one frame made of a one-byte command tag and a payload, then flushes. */
	public void write(byte tag, byte[] payload) throws IOException {
		this.out.write(Integer.toString(payload.length + 1).getBytes(StandardCharsets.US_ASCII));
		this.out.write(':');
		this.out.write(tag);
		this.out.write(payload);
		this.out.write(',');
		this.out.flush();
	}

}
