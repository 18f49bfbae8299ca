package org.vatkernel.worker.netstring;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads netstrings ({@code <length>:<bytes>,}) from a stream. The length is checked against
 * the limit before anything is allocated, so a peer that announces a huge frame costs nothing.
 */
public final class NetstringReader {

	/** Nine digits, as xsnap itself accepts; any limit we configure is below that anyway. */
	private static final int MAX_DIGITS = 9;

	private final InputStream in;

	private final int maxFrameBytes;

	public NetstringReader(InputStream in, int maxFrameBytes) {
		this.in = in;
		this.maxFrameBytes = maxFrameBytes;
	}

	/**
	 * Reads one frame.
	 * @return the payload
	 * @throws EOFException if the stream ends cleanly before a frame starts
	 * @throws NetstringException if the frame is malformed or ends early
	 */
	public byte[] read() throws IOException {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		long length = 0;
		int digits = 0;
		while (true) {
			int b = this.in.read();
			if (b < 0) {
				if (digits == 0) {
					throw new EOFException("end of stream before a frame");
				}
				throw new NetstringException("stream ended inside a netstring length", seen.toByteArray());
			}
			seen.write(b);
			if (b == ':' && digits > 0) {
				break;
			}
			if (b < '0' || b > '9') {
				throw new NetstringException("netstring length has a non-digit byte", withAvailable(seen));
			}
			if (++digits > MAX_DIGITS) {
				throw new NetstringException("netstring length has more than " + MAX_DIGITS + " digits",
						seen.toByteArray());
			}
			length = length * 10 + (b - '0');
		}
		if (length > this.maxFrameBytes) {
			throw new NetstringException(
					"netstring frame of " + length + " bytes is over the limit of " + this.maxFrameBytes,
					seen.toByteArray());
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			seen.write(payload, 0, payload.length);
			throw new NetstringException("stream ended inside a netstring of " + length + " bytes",
					seen.toByteArray());
		}
		int comma = this.in.read();
		if (comma != ',') {
			seen.write(payload, 0, Math.min(payload.length, 64));
			throw new NetstringException("netstring of " + length + " bytes is not followed by ','",
					seen.toByteArray());
		}
		return payload;
	}

	/** What was read plus whatever more is already buffered (never blocks): context for the error. */
	private byte[] withAvailable(ByteArrayOutputStream seen) throws IOException {
		int more = Math.min(this.in.available(), 64);
		if (more > 0) {
			seen.write(this.in.readNBytes(more));
		}
		return seen.toByteArray();
	}

}
