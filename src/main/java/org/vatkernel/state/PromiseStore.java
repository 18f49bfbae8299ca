package org.vatkernel.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

	private static final String TABLE = "kernel_promise";

	private static final String SUBSCRIBER_TABLE = "promise_subscriber";

	private static final String QUEUE_TABLE = "promise_queue";

	private static final String INSERT = """
			insert into kernel_promise (kpid, state, decider_vat_id, policy) values (?, 'unresolved', ?, ?)
			""";

	private static final String FIND = "select " + COLUMNS + " from kernel_promise where kpid = :kpid";

	private static final String SET_DECIDER = "update kernel_promise set decider_vat_id = ? where kpid = ?";

	private static final String RESOLVE = """
			update kernel_promise set state = ?, decider_vat_id = null, resolution_body = ?,
			  resolution_slots = ? where kpid = ?
			""";

	private static final String DECIDED_BY = """
			select kpid from kernel_promise where state = 'unresolved' and decider_vat_id = :vatId
			""";

	private static final String ADD_SUBSCRIBER = "insert into promise_subscriber (kpid, vat_id) values (?, ?)";

	private static final String SUBSCRIBERS = "select vat_id from promise_subscriber where kpid = :kpid";

	private static final String DELETE_SUBSCRIBERS = "delete from promise_subscriber where kpid = ?";

	private static final String ENQUEUE = "insert into promise_queue (kpid, seq, message) values (?, ?, ?)";

	private static final String QUEUED = "select seq, message from promise_queue where kpid = :kpid order by kpid, seq";

	private static final String DELETE_QUEUE = "delete from promise_queue where kpid = ?";

	private static final String ADJUST = "update kernel_promise set ref_count = ref_count + ? where kpid = ?";

	private static final String ADD_EXTERNAL = """
			update kernel_promise set external_refs = external_refs + 1, ref_count = ref_count + 1 where kpid = ?
			""";

	private static final String DELETE = "delete from kernel_promise where kpid = ?";

	private static final String COUNT = "select count(*) from kernel_promise";

	private static final String REF_COUNTS = "select kpid, ref_count, external_refs from kernel_promise order by kpid";

	private static final String SET_REF_COUNTS = """
			update kernel_promise set ref_count = ?, external_refs = ? where kpid = ?
			""";

	private static final String ALL_QUEUED = "select kpid, message from promise_queue order by kpid, seq";

	private static final String SETTLED = """
			select kpid, resolution_slots from kernel_promise where state <> 'unresolved' order by kpid
			""";

	/** A promise's reference count and the part of it the host holds. */
	public record RefCount(KernelRef kpid, int refCount, int externalRefs) {
	}

	/** A message waiting on a promise, with its place in the promise's queue. */
	private record Queued(long seq, String message) {
	}

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	private final ActivityLog activity;

	public PromiseStore(JdbcClient jdbc, CrankBuffer buffer, ActivityLog activity) {
		this.jdbc = jdbc;
		this.buffer = buffer;
		this.activity = activity;
	}

	private static CrankBuffer.Key key(KernelRef kpid) {
		return new CrankBuffer.Key(TABLE, kpid);
	}

	public void insert(KernelRef kpid, @Nullable VatId deciderVatId, ResolutionPolicy policy) {
		this.buffer.write(TABLE, INSERT, kpid.value(), CrankBuffer.text(deciderVatId), policy.wireName());
		this.buffer.put(key(kpid), Optional.of(new KernelPromise(kpid, PromiseState.UNRESOLVED, deciderVatId, policy, 0, null)));
		this.buffer.put(new CrankBuffer.Key(SUBSCRIBER_TABLE, kpid), Optional.of(List.<VatId>of()));
		this.buffer.put(new CrankBuffer.Key(QUEUE_TABLE, kpid), Optional.of(List.<Queued>of()));
		this.activity.record("set", "kernel_promise", kpid, deciderVatId, policy.wireName());
	}

	public Optional<KernelPromise> find(KernelRef kpid) {
		return this.buffer.row(key(kpid),
				() -> this.jdbc.sql(FIND).param("kpid", kpid.value()).query(PromiseStore::map).optional());
	}

	public void setDecider(KernelRef kpid, @Nullable VatId deciderVatId) {
		this.buffer.write(TABLE, SET_DECIDER, CrankBuffer.text(deciderVatId), kpid.value());
		this.buffer.<KernelPromise>update(key(kpid),
				p -> new KernelPromise(kpid, p.state(), deciderVatId, p.policy(), p.refCount(), p.data()));
		this.activity.record("decider", "kernel_promise", kpid, deciderVatId);
	}

	/** Records the resolution and forgets the decider; subscribers and queue are the caller's. */
	public void resolve(KernelRef kpid, boolean rejected, CapData data) {
		PromiseState state = rejected ? PromiseState.REJECTED : PromiseState.FULFILLED;
		String slots = SlotsJson.write(data.slots());
		this.buffer.write(TABLE, RESOLVE, state.wireName(), data.body(), slots, kpid.value());
		this.buffer.<KernelPromise>update(key(kpid), p -> new KernelPromise(kpid, state, null, p.policy(), p.refCount(),
				new CapData(data.body(), SlotsJson.read(slots))));
		this.activity.record("resolve", "kernel_promise", kpid, rejected, data.body(), slots);
	}

	public List<KernelRef> decidedBy(VatId vatId) {
		return this.jdbc.sql(DECIDED_BY)
			.param("vatId", vatId.value())
			.query((rs, row) -> KernelRef.of(rs.getString(1)))
			.list();
	}

	/** Adds a subscriber once (SwingSet keeps a set). */
	public void addSubscriber(KernelRef kpid, VatId vatId) {
		List<VatId> subscribers = subscribers(kpid);
		if (!subscribers.contains(vatId)) {
			this.buffer.write(SUBSCRIBER_TABLE, ADD_SUBSCRIBER, kpid.value(), vatId.value());
			List<VatId> more = new ArrayList<>(subscribers);
			more.add(vatId);
			more.sort((a, b) -> ByteOrder.compare(a.value(), b.value()));
			this.buffer.put(new CrankBuffer.Key(SUBSCRIBER_TABLE, kpid), Optional.of(List.copyOf(more)));
			this.activity.record("set", "promise_subscriber", kpid, vatId);
		}
	}

	/** Subscribers sorted as strings, the order SwingSet notifies them in. */
	public List<VatId> subscribers(KernelRef kpid) {
		return this.buffer.<List<VatId>>row(new CrankBuffer.Key(SUBSCRIBER_TABLE, kpid),
				() -> Optional.of(this.jdbc.sql(SUBSCRIBERS)
					.param("kpid", kpid.value())
					.query(String.class)
					.list()
					.stream()
					.sorted(ByteOrder::compare)
					.map(VatId::of)
					.toList()))
			.orElseThrow();
	}

	public void deleteSubscribers(KernelRef kpid) {
		this.buffer.write(SUBSCRIBER_TABLE, DELETE_SUBSCRIBERS, kpid.value());
		this.buffer.put(new CrankBuffer.Key(SUBSCRIBER_TABLE, kpid), Optional.of(List.<VatId>of()));
		this.activity.record("delete", "promise_subscriber", kpid);
	}

	public void enqueue(KernelRef kpid, String messageJson) {
		List<Queued> queue = queue(kpid);
		long seq = queue.isEmpty() ? 1 : queue.get(queue.size() - 1).seq() + 1;
		this.buffer.write(QUEUE_TABLE, ENQUEUE, kpid.value(), seq, messageJson);
		List<Queued> more = new ArrayList<>(queue);
		more.add(new Queued(seq, messageJson));
		this.buffer.put(new CrankBuffer.Key(QUEUE_TABLE, kpid), Optional.of(List.copyOf(more)));
		this.activity.record("set", "promise_queue", kpid, seq, messageJson);
	}

	public List<String> queued(KernelRef kpid) {
		return queue(kpid).stream().map(Queued::message).toList();
	}

	public long queueLength(KernelRef kpid) {
		return queue(kpid).size();
	}

	private List<Queued> queue(KernelRef kpid) {
		return this.buffer.<List<Queued>>row(new CrankBuffer.Key(QUEUE_TABLE, kpid),
				() -> Optional.of(this.jdbc.sql(QUEUED)
					.param("kpid", kpid.value())
					.query((rs, row) -> new Queued(rs.getLong(1), rs.getString(2)))
					.list()))
			.orElseThrow();
	}

	public void deleteQueue(KernelRef kpid) {
		this.buffer.write(QUEUE_TABLE, DELETE_QUEUE, kpid.value());
		this.buffer.put(new CrankBuffer.Key(QUEUE_TABLE, kpid), Optional.of(List.<Queued>of()));
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
		Optional<KernelPromise> promise = find(kpid);
		if (promise.isEmpty()) {
			return Optional.empty();
		}
		this.buffer.write(TABLE, ADJUST, delta, kpid.value());
		int count = promise.get().refCount() + delta;
		this.buffer.put(key(kpid), Optional.of(withRefCount(promise.get(), count)));
		this.activity.record("add", "kernel_promise", kpid, delta);
		return Optional.of(count);
	}

	private static KernelPromise withRefCount(KernelPromise p, int count) {
		return new KernelPromise(p.kpid(), p.state(), p.deciderVatId(), p.policy(), count, p.data());
	}

	/** The host's interest in a promise (a result it may ask about): one reference. */
	public void addExternalRef(KernelRef kpid) {
		this.buffer.write(TABLE, ADD_EXTERNAL, kpid.value());
		this.buffer.<KernelPromise>update(key(kpid), p -> withRefCount(p, p.refCount() + 1));
		this.activity.record("external", "kernel_promise", kpid);
	}

	/** Deletes the promise with its subscribers and queue. */
	public void delete(KernelRef kpid) {
		deleteSubscribers(kpid);
		deleteQueue(kpid);
		this.buffer.write(TABLE, DELETE, kpid.value());
		this.buffer.put(key(kpid), Optional.empty());
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
		this.buffer.write(TABLE, SET_REF_COUNTS, count, externalRefs, kpid.value());
		this.buffer.<KernelPromise>update(key(kpid), p -> withRefCount(p, count));
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
