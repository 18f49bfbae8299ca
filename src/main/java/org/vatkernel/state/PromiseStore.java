package org.vatkernel.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.CapData;

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

	private final JdbcClient jdbc;

	public PromiseStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(String kpid, @Nullable String deciderVatId, String policy) {
		this.jdbc.sql(INSERT).param("kpid", kpid).param("decider", deciderVatId).param("policy", policy).update();
	}

	public Optional<KernelPromise> find(String kpid) {
		return this.jdbc.sql(FIND).param("kpid", kpid).query(PromiseStore::map).optional();
	}

	public void setDecider(String kpid, @Nullable String deciderVatId) {
		this.jdbc.sql(SET_DECIDER).param("kpid", kpid).param("decider", deciderVatId).update();
	}

	/** Records the resolution and forgets the decider; subscribers and queue are the caller's. */
	public void resolve(String kpid, boolean rejected, CapData data) {
		this.jdbc.sql(RESOLVE)
			.param("kpid", kpid)
			.param("state", rejected ? KernelPromise.REJECTED : KernelPromise.FULFILLED)
			.param("body", data.body())
			.param("slots", SlotsJson.write(data.slots()))
			.update();
	}

	public List<String> decidedBy(String vatId) {
		return this.jdbc.sql(DECIDED_BY).param("vatId", vatId).query(String.class).list();
	}

	/** Adds a subscriber once (SwingSet keeps a set). */
	public void addSubscriber(String kpid, String vatId) {
		if (this.jdbc.sql(HAS_SUBSCRIBER).param("kpid", kpid).param("vatId", vatId).query(Long.class).single() == 0) {
			this.jdbc.sql(ADD_SUBSCRIBER).param("kpid", kpid).param("vatId", vatId).update();
		}
	}

	/** Subscribers sorted as strings, the order SwingSet notifies them in. */
	public List<String> subscribers(String kpid) {
		return this.jdbc.sql(SUBSCRIBERS)
			.param("kpid", kpid)
			.query(String.class)
			.list()
			.stream()
			.sorted(ByteOrder::compare)
			.toList();
	}

	public void deleteSubscribers(String kpid) {
		this.jdbc.sql(DELETE_SUBSCRIBERS).param("kpid", kpid).update();
	}

	public void enqueue(String kpid, String messageJson) {
		long seq = this.jdbc.sql(NEXT_QUEUE_SEQ).param("kpid", kpid).query(Long.class).single();
		this.jdbc.sql(ENQUEUE).param("kpid", kpid).param("seq", seq).param("message", messageJson).update();
	}

	public List<String> queued(String kpid) {
		return this.jdbc.sql(QUEUED).param("kpid", kpid).query(String.class).list();
	}

	public long queueLength(String kpid) {
		return this.jdbc.sql(QUEUE_LENGTH).param("kpid", kpid).query(Long.class).single();
	}

	public void deleteQueue(String kpid) {
		this.jdbc.sql(DELETE_QUEUE).param("kpid", kpid).update();
	}

	private static KernelPromise map(ResultSet rs, int row) throws SQLException {
		String body = rs.getString("resolution_body");
		CapData data = body == null ? null : new CapData(body, SlotsJson.read(rs.getString("resolution_slots")));
		return new KernelPromise(rs.getString("kpid"), rs.getString("state"), rs.getString("decider_vat_id"),
				rs.getString("policy"), rs.getInt("ref_count"), data);
	}

}
