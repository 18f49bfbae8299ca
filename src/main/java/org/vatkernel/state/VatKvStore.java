package org.vatkernel.state;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.VatId;

/**
 * Each vat's vatstore. Keys are stored as UTF-8 bytes, so that "the next key" is byte-wise on
 * every database, exactly as in SwingSet's SQLite store.
 */
@Repository
public class VatKvStore {

	private static final String GET = "select val from vatstore where vat_id = :vatId and key_bytes = :key";

	private static final String DELETE = "delete from vatstore where vat_id = ? and key_bytes = ?";

	private static final String INSERT = "insert into vatstore (vat_id, key_bytes, val) values (?, ?, ?)";

	private static final String UPDATE = "update vatstore set val = ? where vat_id = ? and key_bytes = ?";

	private static final String NEXT_KEY = """
			select key_bytes from vatstore where vat_id = :vatId and key_bytes > :key order by vat_id, key_bytes limit 1
			""";


	private static final String DELETE_SOME = """
			delete from vatstore where vat_id = :vatId and key_bytes in
			  (select key_bytes from vatstore where vat_id = :vatId order by vat_id, key_bytes limit :limit)
			""";

	private static final String COUNT = "select count(*) from vatstore where vat_id = :vatId";

	private static final String PAGE = """
			select key_bytes, val from vatstore where vat_id = :vatId and key_bytes > :key
			order by vat_id, key_bytes limit :limit
			""";

	private final JdbcClient jdbc;

	private static final String TABLE = "vatstore";

	private final CrankBuffer buffer;

	private final ActivityLog activity;

	public VatKvStore(JdbcClient jdbc, CrankBuffer buffer, ActivityLog activity) {
		this.jdbc = jdbc;
		this.buffer = buffer;
		this.activity = activity;
	}

	private record Row(VatId vatId, String key) {
	}

	private static CrankBuffer.Key key(VatId vatId, String key) {
		return new CrankBuffer.Key(TABLE, new Row(vatId, key));
	}

	public Optional<String> get(VatId vatId, String key) {
		return this.buffer.row(key(vatId, key), () -> this.jdbc.sql(GET)
			.param("vatId", vatId.value())
			.param("key", bytes(key))
			.query(String.class)
			.optional());
	}

	public void set(VatId vatId, String key, String value) {
		if (get(vatId, key).isPresent()) {
			this.buffer.write(TABLE, UPDATE, value, vatId.value(), bytes(key));
		}
		else {
			this.buffer.write(TABLE, INSERT, vatId.value(), bytes(key), value);
		}
		this.buffer.put(key(vatId, key), Optional.of(value));
		this.activity.record("set", "vatstore", vatId, key, value);
	}

	public void delete(VatId vatId, String key) {
		this.buffer.write(TABLE, DELETE, vatId.value(), bytes(key));
		this.buffer.put(key(vatId, key), Optional.empty());
		this.activity.record("delete", "vatstore", vatId, key);
	}

	/**
	 * The smallest key strictly greater than {@code priorKey} in byte order, if any. A range the
	 * cache cannot answer: the read sends the crank's buffered vatstore writes first.
	 */
	public Optional<String> nextKey(VatId vatId, String priorKey) {
		return this.jdbc.sql(NEXT_KEY)
			.param("vatId", vatId.value())
			.param("key", bytes(priorKey))
			.query((rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8))
			.optional();
	}

	/** Deletes up to {@code limit} of the vat's keys; returns how many. */
	public int deleteSome(VatId vatId, int limit) {
		int deleted = this.jdbc.sql(DELETE_SOME).param("vatId", vatId.value()).param("limit", limit).update();
		this.activity.record("delete-first", "vatstore", vatId, limit, deleted);
		return deleted;

	}

	public long size(VatId vatId) {
		return this.jdbc.sql(COUNT).param("vatId", vatId.value()).query(Long.class).single();
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}


	/** One key and its value, for the admin API. */
	public record Entry(String key, String value) {
	}

	/** Up to {@code limit} entries with a key after {@code afterKey}, byte-wise. */
	public List<Entry> page(VatId vatId, String afterKey, int limit) {
		return this.jdbc.sql(PAGE)
			.param("vatId", vatId.value())
			.param("key", bytes(afterKey))
			.param("limit", limit)
			.query((rs, row) -> new Entry(new String(rs.getBytes(1), StandardCharsets.UTF_8), rs.getString(2)))
			.list();
	}

}
