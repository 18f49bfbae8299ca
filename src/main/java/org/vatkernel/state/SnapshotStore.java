package org.vatkernel.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.VatId;

/** Vats' heap snapshots, gzip-compressed in the kernel DB. */
@Repository
public class SnapshotStore {

	/** What is known of a snapshot without its bytes. */
	public record SnapshotInfo(VatId vatId, long snapPos, String hash, long uncompressedSize, long compressedSize,
			Instant createdAt) {

		/** Whether its bytes are in the DB (they are written after the crank that took it commits). */
		public boolean stored() {
			return this.compressedSize > 0;
		}

	}

	private static final String INFO_COLUMNS = "vat_id, snap_pos, hash, uncompressed_size, compressed_size, created_at";

	// Only the row in use: rewriting every old snapshot row (each a blob) on every save would grow.
	private static final String RETIRE = "update heap_snapshot set in_use = false where vat_id = :vatId and in_use = true";

	// The in-use position is kept on the vat row too: the crank checks it after every delivery,
	// and the crank buffer keeps the vat row in memory.
	private static final String SET_POSITION = "update vat set snapshot_pos = :snapPos where vat_id = :vatId";

	private static final String POSITION = "select snapshot_pos from vat where vat_id = :vatId";

	private static final String INSERT = """
			insert into heap_snapshot (vat_id, snap_pos, hash, uncompressed_size, compressed_size, compressed, in_use, created_at)
			values (:vatId, :snapPos, :hash, :size, :compressedSize, :compressed, true, :createdAt)
			""";

	private static final String CURRENT = "select " + INFO_COLUMNS
			+ " from heap_snapshot where vat_id = :vatId and in_use = true";

	private static final String BYTES = "select compressed from heap_snapshot where vat_id = :vatId and snap_pos = :snapPos";

	private static final String PRUNE = "delete from heap_snapshot where vat_id = :vatId and in_use = false";

	private static final String PRUNE_BEFORE = """
			delete from heap_snapshot where vat_id = :vatId and in_use = false and snap_pos < :snapPos
			""";

	private static final String TAKEN = """
			insert into heap_snapshot (vat_id, snap_pos, hash, uncompressed_size, compressed_size, compressed, in_use, created_at)
			values (:vatId, :snapPos, :hash, :size, 0, null, true, :createdAt)
			""";

	private static final String STORE_BYTES = """
			update heap_snapshot set compressed = :compressed, compressed_size = :compressedSize
			where vat_id = :vatId and snap_pos = :snapPos and compressed_size = 0
			""";

	private static final String NEWEST_STORED = "select " + INFO_COLUMNS + """
			 from heap_snapshot where vat_id = :vatId and snap_pos < :before and snap_pos >= :from
			  and compressed_size > 0 order by vat_id desc, snap_pos desc limit 1
			""";

	private static final String UNSTORED_AFTER = "select " + INFO_COLUMNS + """
			 from heap_snapshot where vat_id = :vatId and snap_pos > :after and compressed_size = 0
			order by vat_id, snap_pos
			""";

	private static final String DELETE_VAT = "delete from heap_snapshot where vat_id = :vatId";

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	public SnapshotStore(JdbcClient jdbc, CrankBuffer buffer) {
		this.jdbc = jdbc;
		this.buffer = buffer;
	}

	/**
	 * Stores a snapshot file (compressing it) as the vat's in-use snapshot.
	 * @return the compressed size
	 */
	public long save(VatId vatId, long snapPos, String hash, Path file) {
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return save(vatId, snapPos, hash, size, compress(file));
	}

	/**
	 * Stores a snapshot already compressed by {@link #compress} as the vat's in-use snapshot.
	 * @return the compressed size
	 */
	public long save(VatId vatId, long snapPos, String hash, long size, byte[] compressed) {
		becomeInUse(vatId, snapPos);
		this.jdbc.sql(INSERT)
			.param("vatId", vatId.value())
			.param("snapPos", snapPos)
			.param("hash", hash)
			.param("size", size)
			.param("compressedSize", compressed.length)
			.param("compressed", compressed)
			.param("createdAt", Timestamp.from(Instant.now()))
			.update();
		return compressed.length;
	}

	/**
	 * Records a snapshot just taken as the vat's in-use one, in the crank that took it; its bytes
	 * follow after the commit ({@link #storeBytes}).
	 */
	public void recordTaken(VatId vatId, long snapPos, String hash, long size) {
		becomeInUse(vatId, snapPos);
		this.jdbc.sql(TAKEN)
			.param("vatId", vatId.value())
			.param("snapPos", snapPos)
			.param("hash", hash)
			.param("size", size)
			.param("createdAt", Timestamp.from(Instant.now()))
			.update();
	}

	/** Retires the vat's in-use snapshot and points the vat at the one about to be inserted. */
	private void becomeInUse(VatId vatId, long snapPos) {
		this.jdbc.sql(RETIRE).param("vatId", vatId.value()).update();
		this.jdbc.sql(SET_POSITION).param("vatId", vatId.value()).param("snapPos", snapPos).update();
	}

	/**
	 * Stores the bytes of a snapshot recorded by {@link #recordTaken}, if its row is still waiting
	 * for them (not stored already, not deleted with its vat).
	 */
	public void storeBytes(VatId vatId, long snapPos, byte[] compressed) {
		this.jdbc.sql(STORE_BYTES)
			.param("vatId", vatId.value())
			.param("snapPos", snapPos)
			.param("compressed", compressed)
			.param("compressedSize", compressed.length)
			.update();
	}

	public Optional<SnapshotInfo> current(VatId vatId) {
		return this.jdbc.sql(CURRENT).param("vatId", vatId.value()).query(SnapshotStore::info).optional();
	}

	/** The newest snapshot with its bytes stored, at a position in {@code [from, before)}. */
	public Optional<SnapshotInfo> newestStored(VatId vatId, long from, long before) {
		return this.jdbc.sql(NEWEST_STORED)
			.param("vatId", vatId.value())
			.param("from", from)
			.param("before", before)
			.query(SnapshotStore::info)
			.optional();
	}

	/** Snapshots taken after {@code after} whose bytes never arrived, in transcript order. */
	public List<SnapshotInfo> unstoredAfter(VatId vatId, long after) {
		return this.jdbc.sql(UNSTORED_AFTER)
			.param("vatId", vatId.value())
			.param("after", after)
			.query(SnapshotStore::info)
			.list();
	}

	private static SnapshotInfo info(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new SnapshotInfo(VatId.of(rs.getString("vat_id")), rs.getLong("snap_pos"), rs.getString("hash"),
				rs.getLong("uncompressed_size"), rs.getLong("compressed_size"), rs.getTimestamp("created_at").toInstant());
	}

	/** Writes the snapshot, decompressed, to {@code file}. */
	public void load(VatId vatId, long snapPos, Path file) {
		byte[] compressed = this.jdbc.sql(BYTES)
			.param("vatId", vatId.value())
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

	/** Deletes a vat's snapshots older than {@code snapPos} that are no longer in use. */
	public void pruneBefore(VatId vatId, long snapPos) {
		this.jdbc.sql(PRUNE_BEFORE).param("vatId", vatId.value()).param("snapPos", snapPos).update();
	}

	/** Deletes a vat's snapshots that are no longer in use. */
	public void pruneOld(VatId vatId) {
		this.jdbc.sql(PRUNE).param("vatId", vatId.value()).update();
	}

	/** The transcript position of the vat's in-use snapshot, if it has one. */
	public Optional<Long> currentPosition(VatId vatId) {
		return this.buffer.row(positionKey(vatId), () -> {
			List<Long> positions = this.jdbc.sql(POSITION).param("vatId", vatId.value()).query((rs, row) -> {
				long pos = rs.getLong(1);
				return rs.wasNull() ? -1L : pos;
			}).list();
			return positions.stream().filter(pos -> pos >= 0).findFirst();
		});
	}

	private record Position(VatId vatId) {
	}

	private static CrankBuffer.Key positionKey(VatId vatId) {
		return new CrankBuffer.Key("vat", new Position(vatId));
	}

	public void deleteVat(VatId vatId) {
		this.jdbc.sql(DELETE_VAT).param("vatId", vatId.value()).update();
		this.jdbc.sql(SET_POSITION).param("vatId", vatId.value()).param("snapPos", null).update();
	}

	/** A snapshot file compressed as {@link #save} stores it (gzip, deflate level 1). */
	public static byte[] compress(Path file) {

		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (OutputStream out = fastGzip(bytes); InputStream in = Files.newInputStream(file)) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** gzip at deflate level 1: 3–4 times faster than the default level on xsnap heaps, a little larger. */
	private static OutputStream fastGzip(OutputStream out) throws IOException {
		return new GZIPOutputStream(out, 1 << 16) {
			{
				this.def.setLevel(java.util.zip.Deflater.BEST_SPEED);
			}
		};
	}

}
