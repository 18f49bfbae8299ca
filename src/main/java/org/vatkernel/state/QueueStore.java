package org.vatkernel.state;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.QueueName;

/** The acceptance queue and the run queue: FIFOs of JSON events. */
@Repository
public class QueueStore {

	/** A queued event and its position. */
	public record QueuedItem(long seq, String item) {
	}

	/**
	 * The crank's kinds of work, in SwingSet's order: the three queues, and two kinds of work
	 * that are not queues but that the crank looks for in the same round trip (a terminated vat's
	 * cleanup, pending GC actions: no item, seq 0).
	 */
	public enum Work {

		ACCEPTANCE, CLEANUP, GC, REAP, RUN;

		/** Whether this work is a queue's head (an item with a seq), not cleanup or GC. */
		boolean queued() {
			return this != CLEANUP && this != GC;
		}

		/** The name the slog and the SQL below use: {@code acceptance}, {@code cleanup}… */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The next work: a queue's head (removed from it), or cleanup or GC without an item. */
	public record Head(Work work, long seq, String item) {
	}

	// The heads of the three queues, and whether a terminated vat awaits cleanup or a GC action
	// is pending, in one round trip; the crank takes the first in SwingSet's order (PRIORITY).
	// "order by queue, seq" names the whole index key, so that H2 reads each head off the index
	// instead of sorting the queue (it does not see that the where clause fixes queue).
	// Each queue's read starts at its floor (below), so that it goes straight to the head.
	private static final String HEADS = """
			(select queue, seq, item from kernel_queue where queue = 'acceptance' and seq >= :acceptance
			 order by queue, seq limit 1)
			union all
			(select 'cleanup', 0, vat_id from vat where cleanup_phase is not null limit 1)
			union all
			(select 'gc', 0, vat_id from gc_action limit 1)
			union all
			(select queue, seq, item from kernel_queue where queue = 'reap' and seq >= :reap order by queue, seq limit 1)
			union all
			(select queue, seq, item from kernel_queue where queue = 'run' and seq >= :run order by queue, seq limit 1)
			""";

	private static final String TABLE = "kernel_queue";

	private static final String APPEND = "insert into kernel_queue (queue, item) values (?, ?)";

	private static final String DELETE = "delete from kernel_queue where seq = ?";

	private static final String CONTAINS = "select count(*) from kernel_queue where queue = :queue and item = :item";

	private static final String REPLACE = "update kernel_queue set item = :newItem where queue = :queue and item = :item";

	private static final String LENGTH = "select count(*) from kernel_queue where queue = :queue";

	private static final String PAGE = """
			select seq, item from kernel_queue where queue = :queue and seq > :after order by queue, seq limit :limit
			""";

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	private final ActivityLog activity;

	public QueueStore(JdbcClient jdbc, CrankBuffer buffer, ActivityLog activity) {
		this.jdbc = jdbc;
		this.buffer = buffer;
		this.activity = activity;
	}

	public void append(QueueName queue, String itemJson) {
		this.buffer.write(TABLE, APPEND, queue.wireName(), itemJson);
		this.activity.record("push", "kernel_queue", queue.wireName(), itemJson);
	}


	/**
	 * The crank's next work in SwingSet's order: the acceptance queue's head (routing), a
	 * terminated vat's cleanup, the GC actions, the reap queue's head ({@code bringOutYourDead}),
	 * the run queue's head. A queue's head is removed; cleanup and GC come without an item.
	 */
	public Optional<Head> pollFirst() {
		List<Head> heads = this.jdbc.sql(HEADS)
			.param("acceptance", floor(Work.ACCEPTANCE))
			.param("reap", floor(Work.REAP))
			.param("run", floor(Work.RUN))
			.query((rs, row) -> new Head(Work.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getLong(2),
					rs.getString(3)))
			.list();
		for (Head head : heads) {
			if (head.work().queued()) {
				this.buffer.put(floorKey(head.work()), Optional.of(head.seq()));
			}
		}
		// The enum's order is SwingSet's.
		Optional<Head> first = heads.stream().min((a, b) -> a.work().compareTo(b.work()));
		first.filter(head -> head.work().queued())
			.ifPresent(head -> {
				this.buffer.write(TABLE, DELETE, head.seq());
				// By queue, not by row id: identity values skip after a rollback.
				this.activity.record("shift", "kernel_queue", head.work().wireName());
			});
		return first;
	}

	/**
	 * A seq no item of the queue is below: the head this transaction or a committed one read.
	 * Items leave a queue only at its head and arrive with a larger seq (an identity), so what
	 * was below a head read is gone for good once that read's transaction has committed, or
	 * within it; a rolled-back transaction's floors are not kept (the crank buffer's rule). Why
	 * it matters: a deleted row stays in PostgreSQL's index until a vacuum, and a read from the
	 * queue's start stepped over every item taken since the last one, tens of thousands between
	 * autovacuums of a busy kernel, on every crank. Not kept (a fresh kernel, a write the buffer
	 * did not make, a rollback): 0, a read from the start.
	 */
	private long floor(Work queue) {
		return this.buffer.<Long>row(floorKey(queue), Optional::empty).orElse(0L);
	}

	private record Floor(Work queue) {
	}

	private static CrankBuffer.Key floorKey(Work queue) {
		return new CrankBuffer.Key(TABLE, new Floor(queue));
	}

	/** Every item of a queue, in order (for the refcount audit). */
	public List<String> items(QueueName queue) {
		return page(queue, 0, Integer.MAX_VALUE).stream().map(QueuedItem::item).toList();
	}

	public boolean contains(QueueName queue, String itemJson) {
		return this.jdbc.sql(CONTAINS).param("queue", queue.wireName()).param("item", itemJson).query(Long.class).single() > 0;
	}

	/** Rewrites an item in place, keeping its position; returns whether there was one. */
	public boolean replace(QueueName queue, String itemJson, String newItemJson) {
		boolean replaced = this.jdbc.sql(REPLACE)
			.param("queue", queue.wireName())
			.param("item", itemJson)
			.param("newItem", newItemJson)
			.update() > 0;
		if (replaced) {
			this.activity.record("replace", "kernel_queue", queue.wireName(), itemJson, newItemJson);
		}
		return replaced;

	}

	public long length(QueueName queue) {
		return this.jdbc.sql(LENGTH).param("queue", queue.wireName()).query(Long.class).single();
	}

	public List<QueuedItem> page(QueueName queue, long afterSeq, int limit) {
		return this.jdbc.sql(PAGE)
			.param("queue", queue.wireName())
			.param("after", afterSeq)
			.param("limit", limit)
			.query((rs, row) -> new QueuedItem(rs.getLong("seq"), rs.getString("item")))
			.list();
	}

}
