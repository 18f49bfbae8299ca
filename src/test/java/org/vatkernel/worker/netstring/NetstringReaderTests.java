package org.vatkernel.worker.netstring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetstringReaderTests {

	private static NetstringReader reader(String text, int max) {
		return new NetstringReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
	}

	@Test
	void readsConsecutiveFramesAndCountsBytesNotChars() throws IOException {
		NetstringReader reader = reader("5:hello,0:,3:é!,", 100);
		assertThat(reader.read()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
		assertThat(reader.read()).isEmpty();
		assertThat(reader.read()).asString(StandardCharsets.UTF_8).isEqualTo("é!");
		assertThatThrownBy(reader::read).isInstanceOf(EOFException.class);
	}

	@Test
	void writerAndReaderRoundTrip() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new NetstringWriter(out).write((byte) '?', "[\"ü\"]".getBytes(StandardCharsets.UTF_8));
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("7:?[\"ü\"],");
		assertThat(new NetstringReader(new ByteArrayInputStream(out.toByteArray()), 100).read())
			.asString(StandardCharsets.UTF_8)
			.isEqualTo("?[\"ü\"]");
	}

	@Test
	void nonDigitInLength() {
		assertThatThrownBy(() -> reader("1x:a,", 100).read()).isInstanceOf(NetstringException.class)
			.hasMessageContaining("non-digit")
			.hasMessageContaining("1x");
	}

	@Test
	void missingComma() {
		assertThatThrownBy(() -> reader("3:abc;", 100).read()).isInstanceOf(NetstringException.class)
			.hasMessageContaining("not followed by ','");
	}

	@Test
	void truncatedPayload() {
		assertThatThrownBy(() -> reader("10:abc", 100).read()).isInstanceOf(NetstringException.class)
			.hasMessageContaining("ended inside a netstring of 10 bytes");
	}

	@Test
	void tooManyDigits() {
		assertThatThrownBy(() -> reader("1234567890:", Integer.MAX_VALUE).read())
			.isInstanceOf(NetstringException.class)
			.hasMessageContaining("more than 9 digits");
	}

	@Test
	void oversizedFrameIsRefusedBeforeReadingOrAllocatingIt() {
		// The stream would fail if anything past the length were read.
		InputStream stream = new InputStream() {
			private final byte[] head = "999999999:".getBytes(StandardCharsets.US_ASCII);

			private int pos;

			@Override
			public int read() {
				if (this.pos < this.head.length) {
					return this.head[this.pos++];
				}
				throw new AssertionError("read past the length prefix");
			}
		};
		assertThatThrownBy(() -> new NetstringReader(stream, 12_000_000).read()).isInstanceOf(NetstringException.class)
			.hasMessageContaining("999999999 bytes is over the limit of 12000000");
	}

	@Test
	void colonWithoutDigits() {
		assertThatThrownBy(() -> reader(":abc,", 100).read()).isInstanceOf(NetstringException.class)
			.hasMessageContaining("non-digit");
	}

}
