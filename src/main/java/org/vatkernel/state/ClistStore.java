package org.vatkernel.state;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatRef;

/** Per-vat c-lists: kref to vref and back, with the reachable flag. */
@Repository
public class ClistStore {

	private static final String COLUMNS = "vat_id, kref, vref, reachable";

	private static final String BY_KREF = "select " + COLUMNS + " from clist where vat_id = :vatId and kref = :kref";

	private static final String BY_VREF = "select " + COLUMNS + " from clist where vat_id = :vatId and vref = :vref";

	private static final String TABLE = "clist";

	private static final String INSERT = "insert into clist (vat_id, kref, vref, reachable) values (?, ?, ?, ?)";

	private static final String SET_REACHABLE = "update clist set reachable = ? where vat_id = ? and kref = ?";

	private static final String DELETE = "delete from clist where vat_id = ? and kref = ?";

	private static final String FOR_VAT = "select " + COLUMNS + " from clist where vat_id = :vatId";


	// Ordered by the primary key, so that a page is read off the index.
	private static final String PAGE = "select " + COLUMNS
			+ " from clist where vat_id = :vatId and kref > :after order by vat_id, kref limit :limit";

	private static final String WITH_PREFIX = "select " + COLUMNS
			+ " from clist where vat_id = :vatId and vref like :prefix order by vat_id, vref limit :limit";

	private static final String ALL = "select " + COLUMNS + " from clist order by vat_id, kref";

	private static final String TOTAL = "select count(*) from clist";

	private static final String COUNT = "select count(*) from clist where vat_id = :vatId";

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	private final ActivityLog activity;

	public ClistStore(JdbcClient jdbc, CrankBuffer buffer, ActivityLog activity) {
		this.jdbc = jdbc;
		this.buffer = buffer;
		this.activity = activity;
	}

	/** The cache keys of an entry, one per direction. */
	private record ByKref(VatId vatId, KernelRef kref) {
	}

	private record ByVref(VatId vatId, VatRef vref) {
	}

	private static CrankBuffer.Key key(VatId vatId, KernelRef kref) {
		return new CrankBuffer.Key(TABLE, new ByKref(vatId, kref));
	}

	private static CrankBuffer.Key key(VatId vatId, VatRef vref) {
		return new CrankBuffer.Key(TABLE, new ByVref(vatId, vref));
	}

	public Optional<ClistEntry> byKref(VatId vatId, KernelRef kref) {
		Optional<ClistEntry> entry = this.buffer.row(key(vatId, kref), () -> this.jdbc.sql(BY_KREF)
			.param("vatId", vatId.value())
			.param("kref", kref.value())
			.query(ClistStore::map)
			.optional());
		entry.ifPresent(e -> this.buffer.put(key(vatId, e.vref()), entry));
		return entry;
	}

	public Optional<ClistEntry> byVref(VatId vatId, VatRef vref) {
		Optional<ClistEntry> entry = this.buffer.row(key(vatId, vref), () -> this.jdbc.sql(BY_VREF)
			.param("vatId", vatId.value())
			.param("vref", vref.value())
			.query(ClistStore::map)
			.optional());
		entry.ifPresent(e -> this.buffer.put(key(vatId, e.kref()), entry));
		return entry;
	}

	public void insert(ClistEntry entry) {
		this.buffer.write(TABLE, INSERT, entry.vatId().value(), entry.kref().value(), entry.vref().value(),
				entry.reachable());
		this.buffer.put(key(entry.vatId(), entry.kref()), Optional.of(entry));
		this.buffer.put(key(entry.vatId(), entry.vref()), Optional.of(entry));
		this.activity.record("set", "clist", entry.vatId(), entry.kref(), entry.vref(), entry.reachable());
	}

	public void setReachable(VatId vatId, KernelRef kref, boolean reachable) {
		this.buffer.write(TABLE, SET_REACHABLE, reachable, vatId.value(), kref.value());
		// A present entry is cached under both its keys or under neither.
		Optional<ClistEntry> cached = this.buffer.cached(key(vatId, kref));
		if (cached != null && cached.isPresent()) {
			ClistEntry changed = new ClistEntry(vatId, kref, cached.get().vref(), reachable);
			this.buffer.put(key(vatId, kref), Optional.of(changed));
			this.buffer.put(key(vatId, changed.vref()), Optional.of(changed));
		}
		this.activity.record("reachable", "clist", vatId, kref, reachable);
	}

	public void delete(VatId vatId, KernelRef kref) {
		this.buffer.write(TABLE, DELETE, vatId.value(), kref.value());
		Optional<ClistEntry> cached = this.buffer.cached(key(vatId, kref));
		if (cached != null && cached.isPresent()) {
			this.buffer.put(key(vatId, cached.get().vref()), Optional.empty());
		}
		this.buffer.put(key(vatId, kref), Optional.empty());
		this.activity.record("delete", "clist", vatId, kref);
	}

	/** A vat's whole c-list, sorted by vref in byte order (the order SwingSet's kvStore walks it). */
	public List<ClistEntry> forVat(VatId vatId) {
		return this.jdbc.sql(FOR_VAT)
			.param("vatId", vatId.value())
			.query(ClistStore::map)
			.list()
			.stream()
			.sorted((a, b) -> ByteOrder.compare(a.vref().value(), b.vref().value()))
			.toList();
	}

	// Explicit mappers: a class-based row mapper probes column names that do not exist, and H2
	// writes each failed probe, with its stack trace, to its trace file.
	private static ClistEntry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ClistEntry(VatId.of(rs.getString("vat_id")), KernelRef.of(rs.getString("kref")), VatRef.of(rs.getString("vref")),
				rs.getBoolean("reachable"));
	}


	/** Up to {@code limit} entries with a kref after {@code afterKref} (string order). */
	public List<ClistEntry> page(VatId vatId, String afterKref, int limit) {
		return this.jdbc.sql(PAGE)
			.param("vatId", vatId.value())
			.param("after", afterKref)
			.param("limit", limit)
			.query(ClistStore::map)
			.list();
	}

	public long size(VatId vatId) {
		return this.jdbc.sql(COUNT).param("vatId", vatId.value()).query(Long.class).single();
	}

	/** Up to {@code limit} entries whose vref starts with {@code prefix} ({@code o+}, {@code o-}, {@code p}). */
	public List<ClistEntry> withVrefPrefix(VatId vatId, String prefix, int limit) {
		return this.jdbc.sql(WITH_PREFIX)
			.param("vatId", vatId.value())
			.param("prefix", prefix + "%")
			.param("limit", limit)
			.query(ClistStore::map)
			.list();
	}

	public List<ClistEntry> all() {
		return this.jdbc.sql(ALL).query(ClistStore::map).list();
	}

	public long total() {
		return this.jdbc.sql(TOTAL).query(Long.class).single();
	}

}
