package org.vatkernel.state;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One transaction's view of the cached rows: what it read or wrote, over the rows kept from
 * earlier commits ({@link KeptRows}). A table it forgets (written by a statement the buffer did not
 * make) is read from the DB again, and leaves the kept rows when it commits.
 */
final class CrankRows {

	private final KeptRows kept;

	private final Map<CrankBuffer.Key, Optional<?>> known = new HashMap<>();

	private final Set<String> forgottenTables = new HashSet<>();

	/** False once a savepoint rollback undid writes the kept rows cannot tell apart. */
	private boolean keptUsable = true;

	CrankRows(KeptRows kept) {
		this.kept = kept;
	}

	/** The row if known: from this transaction, else (when allowed) from the kept rows. */
	@Nullable Optional<?> get(CrankBuffer.Key key, boolean useKept) {
		Optional<?> row = this.known.get(key);
		if (row != null || !useKept || !this.keptUsable || this.forgottenTables.contains(key.table())) {
			return row;
		}
		return this.kept.get(key);
	}

	void put(CrankBuffer.Key key, Optional<?> row) {
		this.known.put(key, row);
	}

	void forgetTable(String table) {
		this.known.keySet().removeIf(key -> key.table().equals(table));
		this.forgottenTables.add(table);
	}

	/**
	 * A savepoint rollback (or a write nothing tracked): what this transaction knew may be undone,
	 * and the kept rows lack the writes before the savepoint that stand. So it forgets all it knew,
	 * reads the DB for the rest of the transaction, and its commit empties the kept rows before
	 * adding what it learnt afterwards. Rare (a failed delivery), so the simplest rule that is
	 * right whatever was undone.
	 */
	void rolledBack() {
		this.known.clear();
		this.keptUsable = false;
	}

	/** Whether the kept rows must be emptied when this transaction commits. */
	boolean dropsKept() {
		return !this.keptUsable;
	}

	void clear() {
		this.known.clear();
		this.forgottenTables.clear();
		this.keptUsable = true;
	}

	Map<CrankBuffer.Key, Optional<?>> known() {
		return this.known;
	}

	Set<String> forgottenTables() {
		return this.forgottenTables;
	}

}
