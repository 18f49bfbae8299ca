package org.vatkernel.state;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;

/** Vat upgrades: those that succeeded (a vat's history), and those an operator asked for. */
@Repository
public class VatUpgradeStore {

	/** One upgrade that succeeded: the incarnation it began. */
	public record Upgrade(VatId vatId, int incarnation, String fromBundle, String toBundle, long crank,
			@Nullable String requestedBy) {
	}

	/** An operator's request, by the kpid of its {@code upgradeStaticVat} message. */
	public record Request(KernelRef kpid, VatId vatId, String bundleId, String requestedBy, Instant requestedAt) {
	}

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	public VatUpgradeStore(JdbcClient jdbc, ActivityLog activity) {
		this.jdbc = jdbc;
		this.activity = activity;
	}

	public void record(Upgrade upgrade) {
		this.jdbc.sql("""
				insert into vat_upgrade (vat_id, incarnation, from_bundle, to_bundle, crank, requested_by)
				values (:vatId, :incarnation, :from, :to, :crank, :by)
				""")
			.param("vatId", upgrade.vatId().value())
			.param("incarnation", upgrade.incarnation())
			.param("from", upgrade.fromBundle())
			.param("to", upgrade.toBundle())
			.param("crank", upgrade.crank())
			.param("by", upgrade.requestedBy())
			.update();
		// Who asked is this node's audit trail, not consensus.
		this.activity.record("set", "vat_upgrade", upgrade.vatId(), upgrade.incarnation(), upgrade.fromBundle(),
				upgrade.toBundle(), upgrade.crank());

	}

	public List<Upgrade> history(VatId vatId) {
		return this.jdbc.sql("""
				select vat_id, incarnation, from_bundle, to_bundle, crank, requested_by from vat_upgrade
				where vat_id = :vatId order by incarnation
				""")
			.param("vatId", vatId.value())
			.query((rs, row) -> new Upgrade(VatId.of(rs.getString(1)), rs.getInt(2), rs.getString(3), rs.getString(4),
					rs.getLong(5), rs.getString(6)))
			.list();
	}

	public void request(Request request) {
		this.jdbc.sql("""
				insert into vat_upgrade_request (kpid, vat_id, bundle_id, requested_by, requested_at)
				values (:kpid, :vatId, :bundleId, :by, :at)
				""")
			.param("kpid", request.kpid().value())
			.param("vatId", request.vatId().value())
			.param("bundleId", request.bundleId())
			.param("by", request.requestedBy())
			.param("at", Timestamp.from(request.requestedAt()))
			.update();
	}

	public Optional<Request> requestFor(KernelRef kpid) {
		return this.jdbc.sql("select kpid, vat_id, bundle_id, requested_by, requested_at from vat_upgrade_request where kpid = :kpid")
			.param("kpid", kpid.value())
			.query((rs, row) -> new Request(KernelRef.of(rs.getString(1)), VatId.of(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.optional();
	}

}
