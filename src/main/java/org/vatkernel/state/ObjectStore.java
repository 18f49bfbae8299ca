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

	private static final String INSERT = "insert into kernel_object (kref, owner_vat_id) values (:kref, :owner)";

	private static final String FIND = "select " + COLUMNS + " from kernel_object where kref = :kref";

	private static final String ORPHAN = "update kernel_object set owner_vat_id = null where kref = :kref";

	private static final String PIN = "update kernel_object set pinned = true where kref = :kref";

	private static final String DELETE = "delete from kernel_object where kref = :kref";


	private static final String ADJUST = """
			update kernel_object set reachable_count = reachable_count + :reachable,
			  recognizable_count = recognizable_count + :recognizable where kref = :kref
			""";

	private static final String IMPORTERS = """
			select vat_id from clist where kref = :kref and vref like 'o-%' order by vat_id
			""";

	private static final String COUNT = "select count(*) from kernel_object";

	private static final String ALL = "select " + COLUMNS + " from kernel_object order by kref";

	private static final String SET_COUNTS = """
			update kernel_object set reachable_count = :reachable, recognizable_count = :recognizable where kref = :kref
			""";

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	public ObjectStore(JdbcClient jdbc, ActivityLog activity) {
		this.jdbc = jdbc;
		this.activity = activity;
	}

	public void insert(KernelRef kref, VatId ownerVatId) {
		this.jdbc.sql(INSERT).param("kref", kref.value()).param("owner", ownerVatId.value()).update();
		this.activity.record("set", "kernel_object", kref, ownerVatId);
	}

	public Optional<KernelObject> find(KernelRef kref) {
		return this.jdbc.sql(FIND).param("kref", kref.value()).query(ObjectStore::map).optional();
	}

	public void orphan(KernelRef kref) {
		this.jdbc.sql(ORPHAN).param("kref", kref.value()).update();
		this.activity.record("orphan", "kernel_object", kref);
	}

	/** Marks the object pinned; returns whether it was not pinned before. */
	public boolean pin(KernelRef kref) {
		KernelObject object = find(kref).orElseThrow(() -> new IllegalStateException("no object " + kref));
		if (object.pinned()) {
			return false;
		}
		this.jdbc.sql(PIN).param("kref", kref.value()).update();
		this.activity.record("pin", "kernel_object", kref);
		return true;
	}

	/** Adds to the object's counts; returns its new counts, or empty if it is gone. */
	public Optional<KernelObject> adjustCounts(KernelRef kref, int reachable, int recognizable) {
		int updated = this.jdbc.sql(ADJUST)
			.param("kref", kref.value())
			.param("reachable", reachable)
			.param("recognizable", recognizable)
			.update();
		if (updated == 0) {
			return Optional.empty();
		}
		this.activity.record("add", "kernel_object", kref, reachable, recognizable);
		return find(kref);
	}

	public void setCounts(KernelRef kref, int reachable, int recognizable) {
		this.jdbc.sql(SET_COUNTS)
			.param("kref", kref.value())
			.param("reachable", reachable)
			.param("recognizable", recognizable)
			.update();
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
		this.jdbc.sql(DELETE).param("kref", kref.value()).update();
		this.activity.record("delete", "kernel_object", kref);

	}

	private static KernelObject map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new KernelObject(KernelRef.of(rs.getString("kref")), VatId.ofNullable(rs.getString("owner_vat_id")), rs.getInt("reachable_count"),
				rs.getInt("recognizable_count"), rs.getBoolean("pinned"));
	}

}
