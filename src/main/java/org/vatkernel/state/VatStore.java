package org.vatkernel.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatState;

/** The vat table and the per-vat counters for kernel-allocated vrefs. */
@Repository
public class VatStore {

	private static final String COLUMNS = """
			vat_id, name, bundle_id, options, state, termination_reason, termination_cause, terminated_crank, created_at, cleanup_phase,
			source, parent_vat_id, meter_id, incarnation, incarnation_start
			""";

	private static final String INSERT = """
			insert into vat (vat_id, name, bundle_id, options, state, created_at, source, parent_vat_id, meter_id)
			values (:vatId, :name, :bundleId, :options, 'RUNNING', :createdAt, :source, :parent, :meterId)
			""";

	private static final String FIND = "select " + COLUMNS + " from vat where vat_id = :vatId";

	// Names of vats created through vatAdmin need not be unique (Zoe names every instance of a
	// contract alike): the first vat of that name.
	private static final String FIND_BY_NAME = "select " + COLUMNS
			+ " from vat where name = :name order by length(vat_id), vat_id limit 1";

	private static final String ALL = "select " + COLUMNS + " from vat order by length(vat_id), vat_id";

	// Creation order (v9 before v10) with a keyset cursor; filters are optional.
	private static final String PAGE = "select " + COLUMNS + """
			 from vat
			where (length(vat_id) > :afterLength or (length(vat_id) = :afterLength and vat_id > :after))
			  and (cast(:state as varchar(16)) is null or state = :state)
			  and (cast(:name as varchar(200)) is null or name like :name escape '!')
			order by length(vat_id), vat_id limit :limit
			""";

	private static final String TERMINATE = """
			update vat set state = 'TERMINATED', termination_reason = :reason, termination_cause = :cause, terminated_crank = :crank
			where vat_id = :vatId
			""";

	private static final String DIRT = "select reap_dirt_deliveries, reap_dirt_gc_krefs from vat where vat_id = :vatId";

	private static final String ADD_DIRT = """
			update vat set reap_dirt_deliveries = reap_dirt_deliveries + ?,
			  reap_dirt_gc_krefs = reap_dirt_gc_krefs + ? where vat_id = ?
			""";

	private static final String CLEAR_DIRT = """
			update vat set reap_dirt_deliveries = 0, reap_dirt_gc_krefs = 0 where vat_id = ?
			""";

	private static final String CLEANUP_PHASE = "update vat set cleanup_phase = :phase where vat_id = :vatId";

	// The first terminated vat still being cleaned up, in termination order.
	private static final String NEXT_CLEANUP = """
			select vat_id, cleanup_phase from vat where cleanup_phase is not null
			order by terminated_crank, length(vat_id), vat_id limit 1
			""";

	private static final String NEXT_ID = "select next_%s_id from vat where vat_id = :vatId";

	private static final String BUMP_ID = "update vat set next_%1$s_id = next_%1$s_id + 1 where vat_id = ?";

	private static final String TABLE = "vat";

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	private final ActivityLog activity;

	public VatStore(JdbcClient jdbc, CrankBuffer buffer, ActivityLog activity) {
		this.jdbc = jdbc;
		this.buffer = buffer;
		this.activity = activity;
	}

	/** The cache keys of a vat's row: its record, its dirt, its next vref number of a kind. */
	private static CrankBuffer.Key key(VatId vatId) {
		return new CrankBuffer.Key(TABLE, vatId);
	}

	private record Dirt(VatId vatId) {
	}

	private record NextId(VatId vatId, String kind) {
	}

	public void insert(VatId vatId, String name, String bundleId, String optionsJson) {
		insert(vatId, name, bundleId, optionsJson, VatRecord.CONFIG, null, null);
	}

	/**
	 * @param source who created it: {@link VatRecord#CONFIG}, {@link VatRecord#VAT_ADMIN} or
	 * {@link VatRecord#OPERATOR}
	 * @param parent the vat that asked for it, if a vat did
	 * @param meterId the meter its deliveries are charged to, if any
	 */
	public void insert(VatId vatId, String name, String bundleId, String optionsJson, String source,
			@Nullable VatId parent, @Nullable String meterId) {
		this.jdbc.sql(INSERT)
			.param("vatId", vatId.value())
			.param("name", name)
			.param("bundleId", bundleId)
			.param("options", optionsJson)
			.param("createdAt", Timestamp.from(Instant.now()))
			.param("source", source)
			.param("parent", parent == null ? null : parent.value())
			.param("meterId", meterId)
			.update();
		this.activity.record("set", "vat", vatId, name, bundleId, optionsJson, source, parent, meterId);
	}

	/** How many vats one source created that are running (or terminated). */
	public long count(String source, boolean running) {
		return this.jdbc.sql("select count(*) from vat where source = :source and state = :state")
			.param("source", source)
			.param("state", running ? "RUNNING" : "TERMINATED")
			.query(Long.class)
			.single();
	}

	/**
	 * Starts a vat's next incarnation (an upgrade): its transcript from {@code start} on, with the
	 * new bundle. Returns the new incarnation number.
	 */
	public int beginIncarnation(VatId vatId, long start, String bundleId) {
		this.jdbc.sql("""
				update vat set incarnation = incarnation + 1, incarnation_start = :start, bundle_id = :bundleId
				where vat_id = :vatId
				""").param("vatId", vatId.value()).param("start", start).param("bundleId", bundleId).update();
		this.activity.record("incarnation", "vat", vatId, start, bundleId);
		return find(vatId).orElseThrow().incarnation();
	}

	/** Replaces a vat's options (vatAdmin's {@code changeOptions}). */
	public void updateOptions(VatId vatId, String optionsJson) {
		this.jdbc.sql("update vat set options = :options where vat_id = :vatId")
			.param("vatId", vatId.value())
			.param("options", optionsJson)
			.update();
		this.activity.record("options", "vat", vatId, optionsJson);
	}

	public Optional<VatRecord> find(VatId vatId) {
		return this.buffer.row(key(vatId),
				() -> this.jdbc.sql(FIND).param("vatId", vatId.value()).query(VatStore::map).optional());
	}

	public Optional<VatRecord> findByName(String name) {
		return this.jdbc.sql(FIND_BY_NAME).param("name", name).query(VatStore::map).optional();
	}

	/** Every vat in creation order (v1, v2, … v10). */
	public List<VatRecord> all() {
		return this.jdbc.sql(ALL).query(VatStore::map).list();
	}

	/**
	 * Up to {@code limit} vats created after {@code afterVatId} (empty: from the first), in a
	 * state if given, whose name contains {@code nameContains} if given.
	 */
	public List<VatRecord> page(String afterVatId, @Nullable VatState state, @Nullable String nameContains,
			int limit) {
		String pattern = nameContains == null ? null
				: "%" + nameContains.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
		return this.jdbc.sql(PAGE)
			.param("after", afterVatId)
			.param("afterLength", afterVatId.length())
			.param("state", state == null ? null : state.name())
			.param("name", pattern)
			.param("limit", limit)
			.query(VatStore::map)
			.list();
	}

	public boolean isRunning(VatId vatId) {
		return find(vatId).map(VatRecord::isRunning).orElse(false);
	}

	/** {@code cause} is the kernel's name for the kind of termination (its TerminationCause). */
	public void markTerminated(VatId vatId, String reason, String cause, long crank) {
		this.jdbc.sql(TERMINATE)
			.param("vatId", vatId.value())
			.param("reason", reason)
			.param("cause", cause)
			.param("crank", crank)
			.update();
		this.activity.record("terminated", "vat", vatId, reason, cause, crank);
	}

	/** Deliveries and GC krefs since the vat's last bringOutYourDead. */
	public record ReapDirt(long deliveries, long gcKrefs) {
	}

	/** A terminated vat whose state is still being released, and the phase it is in. */
	public record Cleanup(VatId vatId, String phase) {
	}

	/** Adds dirt; returns the vat's dirt after it. */
	public ReapDirt addDirt(VatId vatId, long deliveries, long gcKrefs) {
		CrankBuffer.Key key = new CrankBuffer.Key(TABLE, new Dirt(vatId));
		ReapDirt before = this.buffer.<ReapDirt>row(key, () -> this.jdbc.sql(DIRT)
			.param("vatId", vatId.value())
			.query((rs, row) -> new ReapDirt(rs.getLong(1), rs.getLong(2)))
			.optional()).orElseThrow(() -> new IllegalStateException("no vat " + vatId));
		this.buffer.write(TABLE, ADD_DIRT, deliveries, gcKrefs, vatId.value());
		ReapDirt after = new ReapDirt(before.deliveries() + deliveries, before.gcKrefs() + gcKrefs);
		this.buffer.put(key, Optional.of(after));
		this.activity.record("dirt", "vat", vatId, deliveries, gcKrefs);
		return after;
	}

	public void clearDirt(VatId vatId) {
		this.buffer.write(TABLE, CLEAR_DIRT, vatId.value());
		this.buffer.put(new CrankBuffer.Key(TABLE, new Dirt(vatId)), Optional.of(new ReapDirt(0, 0)));
		this.activity.record("clean", "vat", vatId);
	}

	/** Sets the vat's cleanup phase; null when its cleanup is done. */
	public void setCleanupPhase(VatId vatId, @Nullable String phase) {
		this.jdbc.sql(CLEANUP_PHASE).param("vatId", vatId.value()).param("phase", phase).update();
		this.activity.record("cleanup", "vat", vatId, phase);
	}

	public Optional<Cleanup> nextCleanup() {
		return this.jdbc.sql(NEXT_CLEANUP).query((rs, row) -> new Cleanup(VatId.of(rs.getString(1)), rs.getString(2))).optional();
	}

	/**
	 * Allocates the next kernel-side vref number of a kind for this vat.
	 * @param kind {@code object}, {@code promise} or {@code device}
	 */
	public long allocateVrefNumber(VatId vatId, String kind) {
		CrankBuffer.Key key = new CrankBuffer.Key(TABLE, new NextId(vatId, kind));
		long next = this.buffer.<Long>row(key,
				() -> this.jdbc.sql(NEXT_ID.formatted(kind)).param("vatId", vatId.value()).query(Long.class).optional())
			.orElseThrow(() -> new IllegalStateException("no vat " + vatId));
		this.buffer.write(TABLE, BUMP_ID.formatted(kind), vatId.value());
		this.buffer.put(key, Optional.of(next + 1));
		this.activity.record("next-" + kind, "vat", vatId, next + 1);

		return next;
	}

	private static VatRecord map(ResultSet rs, int row) throws SQLException {
		long crank = rs.getLong("terminated_crank");
		Long terminatedCrank = rs.wasNull() ? null : crank;
		return new VatRecord(VatId.of(rs.getString("vat_id")), rs.getString("name"), rs.getString("bundle_id"),
				rs.getString("options"), VatState.valueOf(rs.getString("state")), rs.getString("termination_reason"),
				rs.getString("termination_cause"), terminatedCrank, rs.getTimestamp("created_at").toInstant(),
				rs.getString("cleanup_phase"), rs.getString("source"),
				rs.getString("parent_vat_id") == null ? null : VatId.of(rs.getString("parent_vat_id")),
				rs.getString("meter_id"), rs.getInt("incarnation"), rs.getLong("incarnation_start"));
	}

}
