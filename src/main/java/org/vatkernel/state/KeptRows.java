package org.vatkernel.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Rows kept from one committed transaction to the next, as SwingSet's kernel keeper keeps what
 * it read: what writing transactions read or wrote, merged in when they commit. Only writing
 * transactions read from here (they run one at a time, under the kernel's write lock, so nothing
 * else changes these rows behind them); read-only transactions read the DB, so that one read
 * stays one repeatable-read snapshot. A write the buffer does not track (any statement that is
 * not a store's buffered write) drops its table from here. Held by table, so that dropping one
 * costs nothing however many rows the others keep.
 */
final class KeptRows {

	/**
	 * Past this many rows everything is dropped and the cache fills again: a bound on memory
	 * that costs one burst of reads, with no bookkeeping on the hot path.
	 */
	static final int MAX_ROWS = 200_000;

	private final Map<String, Map<Object, Optional<?>>> tables = new ConcurrentHashMap<>();

	/** Roughly how many rows are kept (counted as they come in; reset when tables go). */
	private final AtomicInteger size = new AtomicInteger();

	@Nullable Optional<?> get(CrankBuffer.Key key) {
		Map<Object, Optional<?>> table = this.tables.get(key.table());
		return table == null ? null : table.get(key.id());
	}

	/** A committed transaction's rows: its forgotten tables go, its known rows come in. */
	void commit(CrankRows crank) {
		if (crank.dropsKept()) {
			clear();
		}
		crank.forgottenTables().forEach(this::dropTable);
		crank.known().forEach((key, row) -> {
			if (this.tables.computeIfAbsent(key.table(), t -> new ConcurrentHashMap<>()).put(key.id(), row) == null) {
				this.size.incrementAndGet();
			}
		});
		if (this.size.get() > MAX_ROWS) {
			clear();
		}
	}

	void dropTable(String table) {
		Map<Object, Optional<?>> dropped = this.tables.remove(table);
		if (dropped != null) {
			this.size.addAndGet(-dropped.size());
		}
	}

	void clear() {
		this.tables.clear();
		this.size.set(0);
	}

}
