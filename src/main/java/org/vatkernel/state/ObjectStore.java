package org.vatkernel.state;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Kernel objects ({@code koN}). */
@Repository
public class ObjectStore {

	private static final String COLUMNS = "kref, owner_vat_id, reachable_count, recognizable_count, pinned";

	private static final String INSERT = "insert into kernel_object (kref, owner_vat_id) values (:kref, :owner)";

	private static final String FIND = "select " + COLUMNS + " from kernel_object where kref = :kref";

	private static final String ORPHAN = "update kernel_object set owner_vat_id = null where kref = :kref";

	private static final String PIN = "update kernel_object set pinned = true where kref = :kref";

	private static final String DELETE = "delete from kernel_object where kref = :kref";

	private static final String OWNED_BY = "select kref from kernel_object where owner_vat_id = :vatId";

	private final JdbcClient jdbc;

	public ObjectStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(String kref, String ownerVatId) {
		this.jdbc.sql(INSERT).param("kref", kref).param("owner", ownerVatId).update();
	}

	public Optional<KernelObject> find(String kref) {
		return this.jdbc.sql(FIND).param("kref", kref).query(ObjectStore::map).optional();
	}

	public void orphan(String kref) {
		this.jdbc.sql(ORPHAN).param("kref", kref).update();
	}

	public void pin(String kref) {
		this.jdbc.sql(PIN).param("kref", kref).update();
	}

	public void delete(String kref) {
		this.jdbc.sql(DELETE).param("kref", kref).update();
	}

	public List<String> ownedBy(String vatId) {
		return this.jdbc.sql(OWNED_BY).param("vatId", vatId).query(String.class).list();
	}

	private static KernelObject map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new KernelObject(rs.getString("kref"), rs.getString("owner_vat_id"), rs.getInt("reachable_count"),
				rs.getInt("recognizable_count"), rs.getBoolean("pinned"));
	}

}
