package org.vatkernel.state;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.GcActionType;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;

/** The set of pending GC actions, as SwingSet's {@code gcActions}. */
@Repository
public class GcActionStore {

	/** "Tell {@code vatId} to {@code action} {@code kref}". */
	public record GcAction(VatId vatId, GcActionType action, KernelRef kref) {
	}

	private static final String EXISTS = """
			select count(*) from gc_action where vat_id = :vatId and action = :action and kref = :kref
			""";

	private static final String INSERT = "insert into gc_action (vat_id, action, kref) values (:vatId, :action, :kref)";

	private static final String DELETE = "delete from gc_action where vat_id = :vatId and action = :action and kref = :kref";

	// Sorted as SwingSet sorts its action strings "vN type koN"; callers group and re-sort.
	private static final String ALL = "select vat_id, action, kref from gc_action order by vat_id, action, kref";

	private static final String COUNT = "select count(*) from gc_action";

	private static final String FOR_VAT = "select count(*) from gc_action where vat_id = :vatId";

	private static final String ANY = "select count(*) from (select 1 from gc_action limit 1) a";

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	public GcActionStore(JdbcClient jdbc, ActivityLog activity) {
		this.jdbc = jdbc;
		this.activity = activity;
	}

	public void add(VatId vatId, GcActionType type, KernelRef kref) {
		String action = type.action();
		if (this.jdbc.sql(EXISTS).param("vatId", vatId.value()).param("action", action).param("kref", kref.value()).query(Long.class)
			.single() == 0) {
			this.jdbc.sql(INSERT).param("vatId", vatId.value()).param("action", action).param("kref", kref.value()).update();
			this.activity.record("set", "gc_action", vatId, action, kref);
		}
	}

	public void delete(GcAction action) {
		this.jdbc.sql(DELETE)
			.param("vatId", action.vatId().value())
			.param("action", action.action().action())
			.param("kref", action.kref().value())
			.update();
		this.activity.record("delete", "gc_action", action.vatId(), action.action().action(), action.kref());

	}

	public List<GcAction> all() {
		return this.jdbc.sql(ALL)
			.query((rs, row) -> new GcAction(VatId.of(rs.getString(1)), GcActionType.ofAction(rs.getString(2)),
					KernelRef.of(rs.getString(3))))
			.list();
	}

	public boolean isEmpty() {
		return this.jdbc.sql(ANY).query(Long.class).single() == 0;
	}

	public long countForVat(VatId vatId) {
		return this.jdbc.sql(FOR_VAT).param("vatId", vatId.value()).query(Long.class).single();
	}

	public long count() {
		return this.jdbc.sql(COUNT).query(Long.class).single();
	}

}
