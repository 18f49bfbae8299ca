package org.vatkernel.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatId;

/** Kernel promises ({@code kpN}) with their subscribers and queued messages. */
@Repository
public class PromiseStore {

	private static final String COLUMNS = """
			kpid, state, decider_vat_id, policy, ref_count, resolution_body, resolution_slots
			""";

	private static final String INSERT = """
			insert into kernel_promise (kpid, state, decider_vat_id, policy) values (:kpid, 'unresolved', :decider, :policy)
			""";

	private static final String FIND = "select " + COLUMNS + " from kernel_promise where kpid = :kpid";

	private static final String SET_DECIDER = "update kernel_promise set decider_vat_id = :decider where kpid = :kpid";

	private static final String RESOLVE = """
			update kernel_promise set state = :state, decider_vat_id = null, resolution_body = :body,
			  resolution_slots = :slots where kpid = :kpid
			""";

	private static final String DECIDED_BY = """
			select kpid from kernel_promise where state = 'unresolved' and decider_vat_id = :vatId
			""";

	private static final String ADD_SUBSCRIBER = "insert into promise_subscriber (kpid, vat_id) values (:kpid, :vatId)";

	private static final String HAS_SUBSCRIBER = """
			select count(*) from promise_subscriber where kpid = :kpid and vat_id = :vatId
			""";

	private static final String SUBSCRIBERS = "select vat_id from promise_subscriber where kpid = :kpid";

	private static final String DELETE_SUBSCRIBERS = "delete from promise_subscriber where kpid = :kpid";

	private static final String NEXT_QUEUE_SEQ = "select coalesce(max(seq), 0) + 1 from promise_queue where kpid = :kpid";

	private static final String ENQUEUE = "insert into promise_queue (kpid, seq, message) values (:kpid, :seq, :message)";

	private static final String QUEUED = "select message from promise_queue where kpid = :kpid order by kpid, seq";

	private static final String QUEUE_LENGTH = "select count(*) from promise_queue where kpid = :kpid";

	private static final String DELETE_QUEUE = "delete from promise_queue where kpid = :kpid";

	private static final String ADJUST = "update kernel_promise set ref_count = ref_count + :delta where kpid = :kpid";

	private static final String REF_COUNT = "select ref_count from kernel_promise where kpid = :kpid";

	private static final String ADD_EXTERNAL = """
			update kernel_promise set external_refs = external_refs + 1, ref_count = ref_count + 1 where kpid = :kpid
			""";

	private static final String DELETE = "delete from kernel_promise where kpid = :kpid";

	private static final String COUNT = "select count(*) from kernel_promise";

	private static final String REF_COUNTS = "select kpid, ref_count, external_refs from kernel_promise order by kpid";

	private static final String SET_REF_COUNTS = """
			update kernel_promise set ref_count = :count, external_refs = :external where kpid = :kpid
			""";

	private static final String ALL_QUEUED = "select kpid, message from promise_queue order by kpid, seq";

	private static final String SETTLED = """
			select kpid, resolution_slots from kernel_promise where state <> 'unresolved' order by kpid
			""";

	/** A promise's reference count and the part of it the host holds. */
	public record RefCount(KernelRef kpid, int refCount, int externalRefs) {
	}

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	public PromiseStore(JdbcClient jdbc, ActivityLog activity) {
		this.jdbc = jdbc;
		this.activity = activity;
	}

	public void insert(KernelRef kpid, @Nullable VatId deciderVatId, ResolutionPolicy policy) {
		this.jdbc.sql(INSERT)
			.param("kpid", kpid.value())
			.param("decider", deciderVatId == null ? null : deciderVatId.value())
			.param("policy", policy.wireName())
			.update();
		this.activity.record("set", "kernel_promise", kpid, deciderVatId, policy.wireName());
	}

	public Optional<KernelPromise> find(KernelRef kpid) {
		return this.jdbc.sql(FIND).param("kpid", kpid.value()).query(PromiseStore::map).optional();
	}

	public void setDecider(KernelRef kpid, @Nullable VatId deciderVatId) {
		this.jdbc.sql(SET_DECIDER).param("kpid", kpid.value()).param("decider", deciderVatId == null ? null : deciderVatId.value()).update();
		this.activity.record("decider", "kernel_promise", kpid, deciderVatId);
	}

	/** Records the resolution and forgets the decider; subscribers and queue are the caller's. */
	public void resolve(KernelRef kpid, boolean rejected, CapData data) {
		this.jdbc.sql(RESOLVE)
			.param("kpid", kpid.value())
			.param("state", (rejected ? PromiseState.REJECTED : PromiseState.FULFILLED).wireName())
			.param("body", data.body())
			.param("slots", SlotsJson.write(data.slots()))
			.update();
		this.activity.record("resolve", "kernel_promise", kpid, rejected, data.body(), SlotsJson.write(data.slots()));
	}

	public List<KernelRef> decidedBy(VatId vatId) {
		return this.jdbc.sql(DECIDED_BY)
			.param("vatId", vatId.value())
			.query((rs, row) -> KernelRef.of(rs.getString(1)))
			.list();
	}

	/** Adds a subscriber once (SwingSet keeps a set). */
	public void addSubscriber(KernelRef kpid, VatId vatId) {
		if (this.jdbc.sql(HAS_SUBSCRIBER).param("kpid", kpid.value()).param("vatId", vatId.value()).query(Long.class).single() == 0) {
			this.jdbc.sql(ADD_SUBSCRIBER).param("kpid", kpid.value()).param("vatId", vatId.value()).update();
			this.activity.record("set", "promise_subscriber", kpid, vatId);
		}
	}

	/** Subscribers sorted as strings, the order SwingSet notifies them in. */
	public List<VatId> subscribers(KernelRef kpid) {
		return this.jdbc.sql(SUBSCRIBERS)
			.param("kpid", kpid.value())
			.query(String.class)
			.list()
			.stream()
			.sorted(ByteOrder::compare)
			.map(VatId::of)
			.toList();
	}

	public void deleteSubscribers(KernelRef kpid) {
		this.jdbc.sql(DELETE_SUBSCRIBERS).param("kpid", kpid.value()).update();
		this.activity.record("delete", "promise_subscriber", kpid);
	}

	public void enqueue(KernelRef kpid, String messageJson) {
		long seq = this.jdbc.sql(NEXT_QUEUE_SEQ).param("kpid", kpid.value()).query(Long.class).single();
		this.jdbc.sql(ENQUEUE).param("kpid", kpid.value()).param("seq", seq).param("message", messageJson).update();
		this.activity.record("set", "promise_queue", kpid, seq, messageJson);
	}

	public List<String> queued(KernelRef kpid) {
		return this.jdbc.sql(QUEUED).param("kpid", kpid.value()).query(String.class).list();
	}

	public long queueLength(KernelRef kpid) {
		return this.jdbc.sql(QUEUE_LENGTH).param("kpid", kpid.value()).query(Long.class).single();
	}

	public void deleteQueue(KernelRef kpid) {
		this.jdbc.sql(DELETE_QUEUE).param("kpid", kpid.value()).update();
		this.activity.record("delete", "promise_queue", kpid);
	}

	private static KernelPromise map(ResultSet rs, int row) throws SQLException {
		String body = rs.getString("resolution_body");
		CapData data = body == null ? null : new CapData(body, SlotsJson.read(rs.getString("resolution_slots")));
		return new KernelPromise(KernelRef.of(rs.getString("kpid")), PromiseState.ofWireName(rs.getString("state")),
				VatId.ofNullable(rs.getString("decider_vat_id")), ResolutionPolicy.ofWireName(rs.getString("policy")), rs.getInt("ref_count"),
				data);
	}

	/** Adds to the promise's reference count; returns the new count, or empty if it is gone. */
	public Optional<Integer> adjustRefCount(KernelRef kpid, int delta) {
		int updated = this.jdbc.sql(ADJUST).param("kpid", kpid.value()).param("delta", delta).update();
		if (updated == 0) {
			return Optional.empty();
		}
		this.activity.record("add", "kernel_promise", kpid, delta);
		return Optional.of(this.jdbc.sql(REF_COUNT).param("kpid", kpid.value()).query(Integer.class).single());
	}

	/** The host's interest in a promise (a result it may ask about): one reference. */
	public void addExternalRef(KernelRef kpid) {
		this.jdbc.sql(ADD_EXTERNAL).param("kpid", kpid.value()).update();
		this.activity.record("external", "kernel_promise", kpid);
	}

	/** Deletes the promise with its subscribers and queue. */
	public void delete(KernelRef kpid) {
		deleteSubscribers(kpid);
		deleteQueue(kpid);
		this.jdbc.sql(DELETE).param("kpid", kpid.value()).update();
		this.activity.record("delete", "kernel_promise", kpid);
	}

	public long count() {
		return this.jdbc.sql(COUNT).query(Long.class).single();
	}

	public List<RefCount> refCounts() {
		return this.jdbc.sql(REF_COUNTS)
			.query((rs, row) -> new RefCount(KernelRef.of(rs.getString(1)), rs.getInt(2), rs.getInt(3)))
			.list();
	}

	public void setRefCounts(KernelRef kpid, int count, int externalRefs) {
		this.jdbc.sql(SET_REF_COUNTS).param("kpid", kpid.value()).param("count", count).param("external", externalRefs).update();
		this.activity.record("counts", "kernel_promise", kpid, count, externalRefs);

	}

	/** Every message waiting on any promise: (kpid, message JSON). */
	public List<Map.Entry<KernelRef, String>> allQueued() {
		return this.jdbc.sql(ALL_QUEUED)
			.query((rs, row) -> Map.entry(KernelRef.of(rs.getString(1)), rs.getString(2)))
			.list();
	}

	/** The slots of every settled promise's resolution. */
	public Map<String, List<String>> settledSlots() {
		Map<String, List<String>> slots = new java.util.LinkedHashMap<>();
		this.jdbc.sql(SETTLED).query(rs -> {
			String json = rs.getString(2);
			slots.put(rs.getString(1), json == null ? List.of() : SlotsJson.read(json));
		});
		return slots;
	}

}
