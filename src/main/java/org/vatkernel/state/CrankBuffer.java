package org.vatkernel.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The crank buffer, as SwingSet's kernel keeper reads and writes through one: inside a
 * transaction, the stores' writes wait in memory and go to the DB together, in the order they
 * were made, and rows read once are served from memory, in later writing transactions too
 * ({@link KeptRows}). The stores keep the cached rows equal to what the DB would return with the
 * waiting writes applied: each buffered write updates the rows it changes. A write made any other
 * way drops its table's cached rows (the connection sees it).
 *
 * <p>The buffer itself lives on the transaction's connection ({@link BufferedConnection}), which
 * decides when waiting writes must go: before a read of a table with waiting writes, any other
 * statement, and the commit, so nothing ever reads past a write it should see. A savepoint
 * rollback makes the writes waiting at the savepoint wait again; a whole rollback drops them and
 * the cached rows. Outside a transaction (and on a DataSource that is not buffered) writes run at
 * once and nothing is cached.
 */
@Component
public class CrankBuffer {

	private final DataSource dataSource;

	public CrankBuffer(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** A cached row's key: its table and its primary key (one value or a record of several). */
	public record Key(String table, Object id) {
	}

	/**
	 * A write to {@code table}: buffered inside a transaction, else run now. Its update count is
	 * not returned: a caller that needs it reads the row (cached) instead.
	 */
	public void write(String table, String sql, @Nullable Object... args) {
		BufferedConnection.Buffer buffer = buffer();
		if (buffer != null) {
			buffer.add(table, sql, args);
			return;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			BufferedConnection.run(connection, sql, args);
		}
		catch (SQLException ex) {
			throw translate(sql, ex);
		}
	}

	/** A text parameter that may be null (typed, so a null needs no round trip to learn its type). */
	public static Object text(@Nullable Object value) {
		return new SqlParameterValue(Types.VARCHAR, value == null ? null : value.toString());
	}

	/** Sends the transaction's waiting writes now (a crank's end, so a DB error ends the crank). */
	public void flush() {
		BufferedConnection.Buffer buffer = buffer();
		if (buffer != null) {
			try {
				buffer.flushAll();
			}
			catch (SQLException ex) {
				throw translate("crank buffer flush", ex);
			}
		}
	}

	/** The row under {@code key}: cached (this transaction's or kept), or loaded and then cached. */
	@SuppressWarnings("unchecked")
	public <V> Optional<V> row(Key key, Supplier<Optional<V>> load) {
		BufferedConnection.Buffer buffer = buffer();
		if (buffer == null) {
			return load.get();
		}
		Optional<V> cached = (Optional<V>) buffer.rows.get(key, useKept());
		if (cached == null) {
			cached = load.get();
			buffer.rows.put(key, cached);
		}
		return cached;
	}

	/** The row under {@code key} is now {@code value} (empty: it does not exist). */
	public void put(Key key, Optional<?> value) {
		BufferedConnection.Buffer buffer = buffer();
		if (buffer != null) {
			buffer.rows.put(key, value);
		}
	}

	/** Changes the cached row under {@code key}, if one is cached and exists. */
	@SuppressWarnings("unchecked")
	public <V> void update(Key key, UnaryOperator<V> change) {
		BufferedConnection.Buffer buffer = buffer();
		if (buffer != null) {
			Optional<V> cached = (Optional<V>) buffer.rows.get(key, useKept());
			if (cached != null && cached.isPresent()) {
				buffer.rows.put(key, Optional.of(change.apply(cached.get())));
			}
		}
	}

	/** The cached row under {@code key}: null when none is cached (empty: cached as absent). */
	@SuppressWarnings("unchecked")
	public <V> @Nullable Optional<V> cached(Key key) {
		BufferedConnection.Buffer buffer = buffer();
		return buffer == null ? null : (Optional<V>) buffer.rows.get(key, useKept());
	}

	/**
	 * Whether this transaction may read rows kept from earlier commits: a writing one may (the
	 * kernel's, one at a time); a read-only one reads its own snapshot.
	 */
	private static boolean useKept() {
		return !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
	}

	private BufferedConnection.@Nullable Buffer buffer() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			return null;
		}
		if (!(TransactionSynchronizationManager.getResource(this.dataSource) instanceof ConnectionHolder holder)
				|| holder.getConnectionHandle() == null) {
			return null;
		}
		return BufferedConnection.bufferOf(holder.getConnection());
	}

	private RuntimeException translate(String task, SQLException ex) {
		RuntimeException translated = new SQLErrorCodeSQLExceptionTranslator(this.dataSource).translate(task, null, ex);
		return translated != null ? translated : new IllegalStateException(task, ex);
	}

}
