package org.vatkernel.state;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;

/** Kernel objects ({@code koN}). */
@Repository
public class ObjectStore {

	private static final String COLUMNS = "kref, owner_vat_id, reachable_count, recognizable_count, pinned";

	private static final String TABLE = "kernel_object";

	private static final String INSERT = "insert into kernel_object (kref, owner_vat_id) values (?, ?)";

	private static final String FIND = "select " + COLUMNS + " from kernel_object where kref = :kref";

	private static final String ORPHAN = "update kernel_object set owner_vat_id = null where kref = ?";

	private static final String PIN = "update kernel_object set pinned = true where kref = ?";

	private static final String DELETE = "delete from kernel_object where kref = ?";


	private static final String ADJUST = """
			update kernel_object set reachable_count = reachable_count + ?,
			  recognizable_count = recognizable_count + ? where kref = ?
			""";

	private static final String IMPORTERS = """
			select vat_id from clist where kref = :kref and vref like 'o-%' order by vat_id
			""";

	private static final String COUNT = "select count(*) from kernel_object";

	private static final String ALL = "select " + COLUMNS + " from kernel_object order by kref";

	private static final String SET_COUNTS = """
			update kernel_object set reachable_count = ?, recognizable_count = ? where kref = ?
			""";

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	private final ActivityLog activity;

	public ObjectStore(JdbcClient jdbc, CrankBuffer buffer, ActivityLog activity) {
		this.jdbc = jdbc;
		this.buffer = buffer;
		this.activity = activity;
	}

	private static CrankBuffer.Key key(KernelRef kref) {
		return new CrankBuffer.Key(TABLE, kref);
	}

	public void insert(KernelRef kref, VatId ownerVatId) {
		this.buffer.write(TABLE, INSERT, kref.value(), ownerVatId.value());
		this.buffer.put(key(kref), Optional.of(new KernelObject(kref, ownerVatId, 0, 0, false)));
		this.activity.record("set", "kernel_object", kref, ownerVatId);
	}

	public Optional<KernelObject> find(KernelRef kref) {
		return this.buffer.row(key(kref),
				() -> this.jdbc.sql(FIND).param("kref", kref.value()).query(ObjectStore::map).optional());
	}

	public void orphan(KernelRef kref) {
		this.buffer.write(TABLE, ORPHAN, kref.value());
		this.buffer.<KernelObject>update(key(kref),
				o -> new KernelObject(kref, null, o.reachableCount(), o.recognizableCount(), o.pinned()));
		this.activity.record("orphan", "kernel_object", kref);
	}

	/** Marks the object pinned; returns whether it was not pinned before. */
	public boolean pin(KernelRef kref) {
		KernelObject object = find(kref).orElseThrow(() -> new IllegalStateException("no object " + kref));
		if (object.pinned()) {
			return false;
		}
		this.buffer.write(TABLE, PIN, kref.value());
		this.buffer.put(key(kref), Optional.of(new KernelObject(kref, object.ownerVatId(), object.reachableCount(),
				object.recognizableCount(), true)));
		this.activity.record("pin", "kernel_object", kref);
		return true;
	}

	/** Adds to the object's counts; returns its new counts, or empty if it is gone. */
	public Optional<KernelObject> adjustCounts(KernelRef kref, int reachable, int recognizable) {
		Optional<KernelObject> found = find(kref);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		this.buffer.write(TABLE, ADJUST, reachable, recognizable, kref.value());
		KernelObject o = found.get();
		Optional<KernelObject> adjusted = Optional.of(new KernelObject(kref, o.ownerVatId(),
				o.reachableCount() + reachable, o.recognizableCount() + recognizable, o.pinned()));
		this.buffer.put(key(kref), adjusted);
		this.activity.record("add", "kernel_object", kref, reachable, recognizable);
		return adjusted;
	}

	public void setCounts(KernelRef kref, int reachable, int recognizable) {
		this.buffer.write(TABLE, SET_COUNTS, reachable, recognizable, kref.value());
		this.buffer.<KernelObject>update(key(kref),
				o -> new KernelObject(kref, o.ownerVatId(), reachable, recognizable, o.pinned()));
		this.activity.record("counts", "kernel_object", kref, reachable, recognizable);
	}

	/** The vats with an import c-list entry for the object, sorted. */
	public List<VatId> importers(KernelRef kref) {
		return this.jdbc.sql(IMPORTERS).param("kref", kref.value()).query((rs, row) -> VatId.of(rs.getString(1))).list();
	}

	public long count() {
		return this.jdbc.sql(COUNT).query(Long.class).single();
	}

	public List<KernelObject> all() {
		return this.jdbc.sql(ALL).query(ObjectStore::map).list();
	}

	public void delete(KernelRef kref) {
		this.buffer.write(TABLE, DELETE, kref.value());
		this.buffer.put(key(kref), Optional.empty());
		this.activity.record("delete", "kernel_object", kref);

	}

	private static KernelObject map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new KernelObject(KernelRef.of(rs.getString("kref")), VatId.ofNullable(rs.getString("owner_vat_id")), rs.getInt("reachable_count"),
				rs.getInt("recognizable_count"), rs.getBoolean("pinned"));
	}

}
