package org.vatkernel.state;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The acceptance queue and the run queue: FIFOs of JSON events. */
@Repository
public class QueueStore {

	public static final String ACCEPTANCE = "acceptance";

	public static final String RUN = "run";

	public static final String REAP = "reap";

	/** A queued event and its position. */
	public record QueuedItem(long seq, String item) {
	}

	private static final String APPEND = "insert into kernel_queue (queue, item) values (:queue, :item)";

	// "order by queue, seq": the whole index key, so that H2 reads the head off the index
	// instead of sorting the queue (it does not see that queue is fixed by the where clause).
	private static final String HEAD = """
			select seq, item from kernel_queue where queue = :queue order by queue, seq limit 1
			""";

	private static final String DELETE = "delete from kernel_queue where seq = :seq";

	private static final String CONTAINS = "select count(*) from kernel_queue where queue = :queue and item = :item";

	private static final String LENGTH = "select count(*) from kernel_queue where queue = :queue";

	private static final String PAGE = """
			select seq, item from kernel_queue where queue = :queue and seq > :after order by queue, seq limit :limit
			""";

	private final JdbcClient jdbc;

	public QueueStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void append(String queue, String itemJson) {
		this.jdbc.sql(APPEND).param("queue", queue).param("item", itemJson).update();
	}

	/** Removes and returns the head of the queue. */
	public Optional<QueuedItem> poll(String queue) {
		Optional<QueuedItem> head = this.jdbc.sql(HEAD).param("queue", queue).query(QueuedItem.class).optional();
		head.ifPresent(item -> this.jdbc.sql(DELETE).param("seq", item.seq()).update());
		return head;
	}

	public boolean contains(String queue, String itemJson) {
		return this.jdbc.sql(CONTAINS).param("queue", queue).param("item", itemJson).query(Long.class).single() > 0;
	}

	public long length(String queue) {
		return this.jdbc.sql(LENGTH).param("queue", queue).query(Long.class).single();
	}

	public List<QueuedItem> page(String queue, long afterSeq, int limit) {
		return this.jdbc.sql(PAGE)
			.param("queue", queue)
			.param("after", afterSeq)
			.param("limit", limit)
			.query(QueuedItem.class)
			.list();
	}

}
