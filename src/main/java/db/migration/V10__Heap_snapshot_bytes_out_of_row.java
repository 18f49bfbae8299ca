package db.migration;

import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Keeps a heap snapshot's bytes out of its row on H2 (Java, not SQL, because PostgreSQL needs
 * nothing: it already keeps a value this large out of line, in TOAST).
 * <p>
 * On H2 a {@code bytea} is stored inside the row, and rows share B-tree pages, so the few hundred
 * bytes the crank reads and writes (position, hash, {@code in_use}) came with every snapshot's
 * megabytes: with old snapshots kept, reading the in-use row meant loading a page of tens of MB
 * from disk, and retiring it meant writing such a page again, on every snapshot. A binary large
 * object lives in H2's LOB storage, so the row holds only a reference to it.
 */
public class V10__Heap_snapshot_bytes_out_of_row extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		OnH2.run(context, "alter table heap_snapshot alter column compressed set data type binary large object");
	}

}
