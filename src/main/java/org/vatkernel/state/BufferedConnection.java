package org.vatkernel.state;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * A pooled connection with a crank buffer ({@link CrankBuffer}): it holds the transaction's
 * buffered writes and cached rows, and sends the writes before anything that must see them.
 * <ul>
 * <li>a read ({@code select}, {@code with}, or a parenthesised union) of a table with buffered
 * writes: the writes up to the last one on such a table (a prefix, so the order stays the
 * order they were made in); a read of no buffered table sends nothing;</li>
 * <li>any other statement and the commit: every buffered write;</li>
 * <li>a savepoint sends nothing: it remembers which writes were still buffered, and a rollback to
 * it buffers those again (whether or not they were sent in between, the DB has undone them) and
 * drops the rest;</li>
 * <li>a whole rollback and the connection's return to the pool: drop the buffered writes.</li>
 * </ul>
 * Either rollback also drops the cached rows.
 * <p>Writes with the same SQL one after another go as one JDBC batch; on PostgreSQL all the
 * writes sent together go as one multi-statement command, one round trip.
 */
final class BufferedConnection implements InvocationHandler {

	/** Statements per multi-statement command: keeps a command's parameters well under the limit. */
	private static final int MAX_COMMAND = 200;

	private static final Pattern WRITTEN_TABLE = Pattern
		.compile("^\\s*(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+([a-z_][a-z0-9_]*)");

	private final Connection target;

	private final KeptRows kept;

	private final Buffer buffer;

	/** Set by the transaction manager for a read-only transaction: its rows are not kept. */
	private boolean readOnly;

	/** Whether the driver runs several statements of one command in one round trip (PostgreSQL). */
	private final boolean multiStatement;

	private BufferedConnection(Connection target, KeptRows kept, boolean multiStatement) {
		this.target = target;
		this.kept = kept;
		this.multiStatement = multiStatement;
		this.buffer = new Buffer(new CrankRows(kept));
	}

	static Connection wrap(Connection target, KeptRows kept, boolean multiStatement) {
		return (Connection) Proxy.newProxyInstance(BufferedConnection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new BufferedConnection(target, kept, multiStatement));
	}

	/** Whether the connection is to PostgreSQL (else H2). */
	static boolean isPostgres(Connection connection) throws SQLException {
		return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
	}

	/** The buffer of a connection from a {@link BufferedDataSource}; null for any other. */
	static @Nullable Buffer bufferOf(Connection connection) {
		if (Proxy.isProxyClass(connection.getClass())
				&& Proxy.getInvocationHandler(connection) instanceof BufferedConnection buffered) {
			return buffered.buffer;
		}
		return null;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		switch (method.getName()) {
			case "prepareStatement", "prepareCall" -> {
				String sql = (String) Objects.requireNonNull(args)[0];
				if (!this.buffer.flushFor(sql)) {
					untracked(sql);
				}
			}
			case "createStatement" -> {
				// Its SQL comes later and unseen: whatever it writes, no kept row may outlive it.
				this.buffer.flushAll();
				untracked("");
			}
			case "setAutoCommit" -> this.buffer.flushAll();
			case "setReadOnly" -> this.readOnly = Boolean.TRUE.equals(Objects.requireNonNull(args)[0]);
			case "commit" -> {
				this.buffer.flushAll();
				invokeTarget(method, args);
				if (!this.readOnly) {
					this.kept.commit(this.buffer.rows);
				}
				this.buffer.rows.clear();
				return null;
			}
			case "setSavepoint" -> {
				Savepoint savepoint = (Savepoint) invokeTarget(method, args);
				this.buffer.savepoints.put(savepoint, List.copyOf(this.buffer.writes));
				return savepoint;
			}
			case "releaseSavepoint" -> this.buffer.savepoints.remove(Objects.requireNonNull(args)[0]);
			case "rollback" -> {
				if (args != null && args.length == 1 && args[0] instanceof Savepoint savepoint) {
					this.buffer.rollBackTo(savepoint);
				}
				else {
					this.buffer.drop();
				}
			}
			case "close" -> this.buffer.drop();
			case "unwrap" -> {
				if (Objects.requireNonNull(args)[0] == Connection.class) {
					return proxy;
				}
			}
			case "isWrapperFor" -> {
				if (Objects.requireNonNull(args)[0] == Connection.class) {
					return true;
				}
			}
			case "equals" -> {
				return proxy == Objects.requireNonNull(args)[0];
			}
			case "hashCode" -> {
				return System.identityHashCode(proxy);
			}
			case "toString" -> {
				return "Buffered[" + this.target + "]";
			}
			default -> {
			}
		}
		return invokeTarget(method, args);
	}

	private @Nullable Object invokeTarget(Method method, Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * A write the buffer did not make: its table's rows are forgotten, here and in the kept rows
	 * (at once: outside a transaction it has already committed).
	 */
	private void untracked(String sql) {
		Matcher table = WRITTEN_TABLE.matcher(sql.toLowerCase(Locale.ROOT));
		if (table.find()) {
			this.buffer.rows.forgetTable(table.group(1));
			this.kept.dropTable(table.group(1));
		}
		else {
			this.buffer.rows.rolledBack();
			this.kept.clear();
		}
	}

	/** Runs one write now. */
	static void run(Connection connection, String sql, @Nullable Object[] args) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			bind(statement, args);
			statement.executeUpdate();
		}
	}

	private static void bind(PreparedStatement statement, @Nullable Object[] args) throws SQLException {
		for (int i = 0; i < args.length; i++) {
			StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, args[i]);
		}
	}

	/** A buffered write. */
	private record Write(String table, String sql, @Nullable Object[] args) {
	}

	/** One transaction's buffered writes and cached rows. */
	final class Buffer {

		private static final Map<String, Pattern> TABLE_NAMES = new ConcurrentHashMap<>();

		final CrankRows rows;

		private final List<Write> writes = new ArrayList<>();

		/** The writes still buffered when each savepoint was set (the DB has the rest). */
		private final Map<Object, List<Write>> savepoints = new HashMap<>();

		Buffer(CrankRows rows) {
			this.rows = rows;
		}

		void add(String table, String sql, @Nullable Object[] args) {
			this.writes.add(new Write(table, sql, args.clone()));
		}

		/** Sends what a statement must see; returns whether it is a read. */
		boolean flushFor(String sql) throws SQLException {
			String lower = sql.stripLeading().toLowerCase(Locale.ROOT);
			if (!(lower.startsWith("select") || lower.startsWith("with") || lower.startsWith("("))) {
				flushAll();
				return false;
			}
			if (this.writes.isEmpty()) {
				return true;
			}
			int last = -1;
			Map<String, Boolean> mentioned = new HashMap<>();
			for (int i = this.writes.size() - 1; i >= 0 && last < 0; i--) {
				String table = this.writes.get(i).table();
				if (mentioned.computeIfAbsent(table, t -> mentions(lower, t))) {
					last = i;
				}
			}
			flush(last + 1);
			return true;
		}

		void flushAll() throws SQLException {
			flush(this.writes.size());
		}

		void drop() {
			this.writes.clear();
			this.rows.clear();
			this.savepoints.clear();
		}

		/**
		 * A rollback to a savepoint: the writes buffered when it was set are buffered again (those
		 * of them sent since were undone with the rest), later ones are gone, and so is the cache.
		 */
		void rollBackTo(Savepoint savepoint) {
			List<Write> buffered = this.savepoints.get(savepoint);
			this.writes.clear();
			if (buffered != null) {
				this.writes.addAll(buffered);
			}
			this.rows.rolledBack();
		}

		/**
		 * Sends the first {@code count} writes: on PostgreSQL as one multi-statement command (one
		 * round trip), elsewhere a batch per run of equal SQL.
		 */
		private void flush(int count) throws SQLException {
			if (count == 0) {
				return;
			}
			List<Write> sending = new ArrayList<>(this.writes.subList(0, count));
			this.writes.subList(0, count).clear();
			try {
				if (count > 1 && BufferedConnection.this.multiStatement) {
					for (int from = 0; from < sending.size(); from += MAX_COMMAND) {
						sendAsOne(sending.subList(from, Math.min(sending.size(), from + MAX_COMMAND)));
					}
					return;
				}
				int start = 0;
				while (start < sending.size()) {
					String sql = sending.get(start).sql();
					int end = start + 1;
					while (end < sending.size() && sending.get(end).sql().equals(sql)) {
						end++;
					}
					send(sending.subList(start, end));
					start = end;
				}
			}
			catch (SQLException | RuntimeException ex) {
				// The transaction is lost: what follows must not run on top of a partial flush.
				this.writes.clear();
				this.rows.rolledBack();
				throw ex;
			}
		}

		private void sendAsOne(List<Write> writes) throws SQLException {
			StringBuilder sql = new StringBuilder();
			List<@Nullable Object> args = new ArrayList<>();
			for (Write write : writes) {
				sql.append(write.sql().strip()).append(";\n");
				args.addAll(Arrays.asList(write.args()));
			}
			try (PreparedStatement statement = BufferedConnection.this.target.prepareStatement(sql.toString())) {
				bind(statement, args.toArray());
				statement.execute();
			}
		}

		private void send(List<Write> run) throws SQLException {
			try (PreparedStatement statement = BufferedConnection.this.target.prepareStatement(run.get(0).sql())) {
				if (run.size() == 1) {
					bind(statement, run.get(0).args());
					statement.executeUpdate();
					return;
				}
				for (Write write : run) {
					bind(statement, write.args());
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}

		private static boolean mentions(String lowerSql, String table) {
			return TABLE_NAMES.computeIfAbsent(table, t -> Pattern.compile("\\b" + Pattern.quote(t) + "\\b"))
				.matcher(lowerSql)
				.find();
		}

	}

}
