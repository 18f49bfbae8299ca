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

	/** The head of one of the queues. */
	public record Head(String queue, long seq, String item) {
	}

	/** Not queues but kinds of work the crank looks for in the same round trip (no item, seq 0). */
	public static final String CLEANUP = "cleanup";

	public static final String GC = "gc";

	// The heads of the three queues, and whether a terminated vat awaits cleanup or a GC action
	// is pending, in one round trip; the crank takes the first in SwingSet's order (PRIORITY).
	// "order by queue, seq" names the whole index key, so that H2 reads each head off the index
	// instead of sorting the queue (it does not see that the where clause fixes queue).
	private static final String HEADS = """
			(select queue, seq, item from kernel_queue where queue = 'acceptance' order by queue, seq limit 1)
			union all
			(select 'cleanup', 0, vat_id from vat where cleanup_phase is not null limit 1)
			union all
			(select 'gc', 0, vat_id from gc_action limit 1)
			union all
			(select queue, seq, item from kernel_queue where queue = 'reap' order by queue, seq limit 1)
			union all
			(select queue, seq, item from kernel_queue where queue = 'run' order by queue, seq limit 1)
			""";

	private static final List<String> PRIORITY = List.of(ACCEPTANCE, CLEANUP, GC, REAP, RUN);

	private static final String APPEND = "insert into kernel_queue (queue, item) values (:queue, :item)";

	private static final String DELETE = "delete from kernel_queue where seq = :seq";

	private static final String CONTAINS = "select count(*) from kernel_queue where queue = :queue and item = :item";

	private static final String REPLACE = "update kernel_queue set item = :newItem where queue = :queue and item = :item";

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


	/**
	 * The crank's next work in SwingSet's order: the acceptance queue's head (routing), a
	 * terminated vat's cleanup, the GC actions, the reap queue's head ({@code bringOutYourDead}),
	 * the run queue's head. A queue's head is removed; cleanup and GC come without an item.
	 */
	public Optional<Head> pollFirst() {
		List<Head> heads = this.jdbc.sql(HEADS)
			.query((rs, row) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3)))
			.list();
		Optional<Head> first = heads.stream().min((a, b) -> PRIORITY.indexOf(a.queue()) - PRIORITY.indexOf(b.queue()));
		first.filter(head -> !head.queue().equals(CLEANUP) && !head.queue().equals(GC))
			.ifPresent(head -> this.jdbc.sql(DELETE).param("seq", head.seq()).update());
		return first;
	}

	/** Every item of a queue, in order (for the refcount audit). */
	public List<String> items(String queue) {
		return page(queue, 0, Integer.MAX_VALUE).stream().map(QueuedItem::item).toList();
	}

	public boolean contains(String queue, String itemJson) {
		return this.jdbc.sql(CONTAINS).param("queue", queue).param("item", itemJson).query(Long.class).single() > 0;
	}

	/** Rewrites an item in place, keeping its position; returns whether there was one. */
	public boolean replace(String queue, String itemJson, String newItemJson) {
		return this.jdbc.sql(REPLACE)
			.param("queue", queue)
			.param("item", itemJson)
			.param("newItem", newItemJson)
			.update() > 0;
	}

	public long length(String queue) {
		return this.jdbc.sql(LENGTH).param("queue", queue).query(Long.class).single();
	}

	public List<QueuedItem> page(String queue, long afterSeq, int limit) {
		return this.jdbc.sql(PAGE)
			.param("queue", queue)
			.param("after", afterSeq)
			.param("limit", limit)
			.query((rs, row) -> new QueuedItem(rs.getLong("seq"), rs.getString("item")))
			.list();
	}

}
