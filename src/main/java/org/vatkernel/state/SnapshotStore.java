package org.vatkernel.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Vats' heap snapshots, gzip-compressed in the kernel DB. */
@Repository
public class SnapshotStore {

	/** What is known of a snapshot without its bytes. */
	public record SnapshotInfo(String vatId, long snapPos, String hash, long uncompressedSize, long compressedSize,
			Instant createdAt) {
	}

	private static final String INFO_COLUMNS = "vat_id, snap_pos, hash, uncompressed_size, compressed_size, created_at";

	private static final String RETIRE = "update heap_snapshot set in_use = false where vat_id = :vatId";

	private static final String INSERT = """
			insert into heap_snapshot (vat_id, snap_pos, hash, uncompressed_size, compressed_size, compressed, in_use, created_at)
			values (:vatId, :snapPos, :hash, :size, :compressedSize, :compressed, true, :createdAt)
			""";

	private static final String CURRENT = "select " + INFO_COLUMNS
			+ " from heap_snapshot where vat_id = :vatId and in_use = true";

	private static final String BYTES = "select compressed from heap_snapshot where vat_id = :vatId and snap_pos = :snapPos";

	private static final String PRUNE = "delete from heap_snapshot where vat_id = :vatId and in_use = false";

	private static final String DELETE_VAT = "delete from heap_snapshot where vat_id = :vatId";

	private final JdbcClient jdbc;

	public SnapshotStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a snapshot file (compressing it) as the vat's in-use snapshot.
	 * @return the compressed size
	 */
	public long save(String vatId, long snapPos, String hash, Path file) {
		byte[] compressed = gzip(file);
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.jdbc.sql(RETIRE).param("vatId", vatId).update();
		this.jdbc.sql(INSERT)
			.param("vatId", vatId)
			.param("snapPos", snapPos)
			.param("hash", hash)
			.param("size", size)
			.param("compressedSize", compressed.length)
			.param("compressed", compressed)
			.param("createdAt", Timestamp.from(Instant.now()))
			.update();
		return compressed.length;
	}

	public Optional<SnapshotInfo> current(String vatId) {
		return this.jdbc.sql(CURRENT)
			.param("vatId", vatId)
			.query((rs, row) -> new SnapshotInfo(rs.getString("vat_id"), rs.getLong("snap_pos"), rs.getString("hash"),
					rs.getLong("uncompressed_size"), rs.getLong("compressed_size"),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
	}

	/** Writes the snapshot, decompressed, to {@code file}. */
	public void load(String vatId, long snapPos, Path file) {
		byte[] compressed = this.jdbc.sql(BYTES)
			.param("vatId", vatId)
			.param("snapPos", snapPos)
			.query((rs, row) -> rs.getBytes(1))
			.single();
		try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed));
				OutputStream out = Files.newOutputStream(file)) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot unpack snapshot of " + vatId + " at " + snapPos, ex);
		}
	}

	/** Deletes a vat's snapshots that are no longer in use. */
	public void pruneOld(String vatId) {
		this.jdbc.sql(PRUNE).param("vatId", vatId).update();
	}

	public void deleteVat(String vatId) {
		this.jdbc.sql(DELETE_VAT).param("vatId", vatId).update();
	}

	private static byte[] gzip(Path file) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16); InputStream in = Files.newInputStream(file)) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
