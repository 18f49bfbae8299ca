package org.vatkernel.slog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only JSON-lines file rotated by size: when a line would take it past
 * {@code maxBytes}, {@code slog} becomes {@code slog.1} (and {@code .1} becomes {@code .2}, …,
 * the oldest beyond {@code maxHistory} is deleted) and a new file starts.
 */
final class SlogFile implements AutoCloseable {

	private final Path path;

	private final long maxBytes;

	private final int maxHistory;

	private BufferedWriter writer;

	private long size;

	SlogFile(Path path, long maxBytes, int maxHistory) {
		this.path = path;
		this.maxBytes = maxBytes;
		this.maxHistory = maxHistory;
		try {
			Path parent = path.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			this.size = Files.exists(path) ? Files.size(path) : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the slog file " + path, ex);
		}
		this.writer = open();
	}

	synchronized void write(String line) {
		try {
			long bytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
			if (this.size > 0 && this.size + bytes > this.maxBytes) {
				rotate();
			}
			this.writer.write(line);
			this.writer.write('\n');
			this.size += bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the slog file " + this.path, ex);
		}
	}

	synchronized void flush() {
		try {
			this.writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the slog file " + this.path, ex);
		}
	}

	private void rotate() throws IOException {
		this.writer.close();
		Files.deleteIfExists(numbered(this.maxHistory));
		for (int i = this.maxHistory - 1; i >= 1; i--) {
			if (Files.exists(numbered(i))) {
				Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		if (this.maxHistory > 0) {
			Files.move(this.path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
		}
		else {
			Files.delete(this.path);
		}
		this.size = 0;
		this.writer = open();
	}

	private Path numbered(int n) {
		return this.path.resolveSibling(this.path.getFileName() + "." + n);
	}

	private BufferedWriter open() {
		try {
			return Files.newBufferedWriter(this.path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the slog file " + this.path, ex);
		}
	}

	@Override
	public synchronized void close() {
		try {
			this.writer.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
