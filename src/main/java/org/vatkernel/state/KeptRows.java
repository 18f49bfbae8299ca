package org.vatkernel.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Rows kept from one committed transaction to the next, as SwingSet's kernel keeper keeps what
 * it read: what writing transactions read or wrote, merged in when they commit. Only writing
 * transactions read from here (they run one at a time, under the kernel's write lock, so nothing
 * else changes these rows behind them); read-only transactions read the DB, so that one read
 * stays one repeatable-read snapshot. A write the buffer does not track (any statement that is
 * not a store's buffered write) drops its table from here.
 */
final class KeptRows {

	/**
	 * Past this many rows everything is dropped and the cache fills again: a bound on memory
	 * that costs one burst of reads, with no bookkeeping on the hot path.
	 */
	static final int MAX_ROWS = 200_000;

	private final Map<CrankBuffer.Key, Optional<?>> rows = new ConcurrentHashMap<>();

	@Nullable Optional<?> get(CrankBuffer.Key key) {
		return this.rows.get(key);
	}

	/** A committed transaction's rows: its forgotten keys and tables go, its known rows come in. */
	void commit(CrankRows crank) {
		if (crank.dropsKept()) {
			this.rows.clear();
		}
		crank.forgottenTables().forEach(this::dropTable);
		crank.forgotten().forEach(this.rows::remove);
		this.rows.putAll(crank.known());
		if (this.rows.size() > MAX_ROWS) {
			this.rows.clear();
		}
	}

	void dropTable(String table) {
		this.rows.keySet().removeIf(key -> key.table().equals(table));
	}

	void clear() {
		this.rows.clear();
	}

	int size() {
		return this.rows.size();
	}

}
