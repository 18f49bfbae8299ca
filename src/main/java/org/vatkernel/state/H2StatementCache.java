package org.vatkernel.state;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Keeps an H2 connection's prepared statements open between uses, so that a statement the kernel
 * runs every crank is parsed once per connection, not once per crank.
 * <p>
 * Why: H2 caches the plans of plain {@code select}s and {@code insert}s only; every
 * {@code update}, {@code delete} and {@code union} is parsed again each time it is prepared, and
 * Spring prepares a statement per call. That parsing was 14% of the kernel thread's time on H2
 * (JFR, ping-pong; {@code docs/benchmarks.md}). PostgreSQL is left alone: its driver already
 * keeps server-side statements per connection, and its crank writes go as one command.
 * <p>
 * How: the cache sits under the pool, on each physical connection. Hikari closes every statement
 * a borrower left open when the connection goes back to the pool, so a cache above the pool would
 * be emptied every crank. Here Hikari's pool gets its physical connections from a DataSource that
 * wraps each one; {@code prepareStatement(sql)} on it hands out the connection's open statement
 * for that SQL if it is free, and the statement's {@code close()} clears its parameters and batch
 * and gives it back. A statement whose settings a user changed (max rows, timeouts, ...) is really
 * closed, as is one pushed out of the {@value #SIZE}-entry LRU, and all of them with their
 * connection. If its SQL is in use already (a query run inside another's loop), the second user
 * gets a statement of its own.
 */
final class H2StatementCache implements BeanPostProcessor {

	/** Statements kept per connection: the kernel's source has about 120 SQL statements, a few built per call. */
	static final int SIZE = 256;

	/** Setters after which a statement is not handed to the next user as it is. */
	private static final Set<String> SETTINGS = Set.of("setMaxRows", "setLargeMaxRows", "setFetchSize",
			"setFetchDirection", "setQueryTimeout", "setMaxFieldSize", "setEscapeProcessing", "setCursorName",
			"setPoolable", "closeOnCompletion");

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null
				&& hikari.getDataSourceClassName() == null && isH2(hikari.getJdbcUrl())) {
			hikari.setDataSource(new Caching(new DriverDataSource(hikari.getJdbcUrl(), hikari.getDriverClassName(),
					hikari.getDataSourceProperties(), hikari.getUsername(), hikari.getPassword())));
		}
		return bean;
	}

	static boolean isH2(@Nullable String url) {
		return url != null && url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length());
	}

	/** A DataSource whose connections keep their statements. */
	static final class Caching extends DelegatingDataSource {

		Caching(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return wrap(obtainTargetDataSource().getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return wrap(obtainTargetDataSource().getConnection(username, password));
		}

	}

	static Connection wrap(Connection physical) {
		CachingConnection handler = new CachingConnection(physical);
		Connection proxy = (Connection) Proxy.newProxyInstance(H2StatementCache.class.getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
		handler.proxy = proxy;
		return proxy;
	}

	private static @Nullable Object call(Object target, Method method, Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * One open statement of a connection, and whether a user has it now. It is kept while the map
	 * holds it for its SQL; one the LRU pushed out, or a second user's own, is closed when given back.
	 */
	private static final class Kept {

		final PreparedStatement statement;

		boolean inUse;

		Kept(PreparedStatement statement) {
			this.statement = statement;
		}

	}

	private static final class CachingConnection implements InvocationHandler {

		private final Connection physical;

		@Nullable Connection proxy;

		/** Access-ordered: the least recently prepared SQL goes first. */
		private final Map<String, Kept> kept = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
				if (size() <= SIZE) {
					return false;
				}
				if (!eldest.getValue().inUse) {
					closeQuietly(eldest.getValue().statement); // one in use is closed when given back
				}
				return true;
			}
		};

		CachingConnection(Connection physical) {
			this.physical = physical;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
			switch (method.getName()) {
				case "prepareStatement" -> {
					if (args != null && args.length == 1) {
						return prepare((String) args[0]);
					}
				}
				case "close", "abort" -> closeAll();
				case "equals" -> {
					return proxy == Objects.requireNonNull(args)[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				case "toString" -> {
					return "StatementCaching[" + this.physical + "]";
				}
				default -> {
				}
			}
			return call(this.physical, method, args);
		}

		private PreparedStatement prepare(String sql) throws SQLException {
			Kept statement;
			synchronized (this.kept) {
				statement = this.kept.get(sql);
				if (statement != null && statement.inUse) {
					// The SQL is in use already: this user gets one of its own, closed when done.
					return lend(new Kept(this.physical.prepareStatement(sql)), sql);
				}
				if (statement == null) {
					statement = new Kept(this.physical.prepareStatement(sql));
					this.kept.put(sql, statement);
				}
				statement.inUse = true;
			}
			return lend(statement, sql);
		}

		private PreparedStatement lend(Kept statement, String sql) {
			return (PreparedStatement) Proxy.newProxyInstance(H2StatementCache.class.getClassLoader(),
					new Class<?>[] { PreparedStatement.class }, new Lent(this, statement, sql));
		}

		/** Back from a user: kept for the next, or closed if it cannot be handed on as it is. */
		void giveBack(Kept statement, String sql, boolean changed) {
			synchronized (this.kept) {
				boolean held = this.kept.get(sql) == statement;
				if (held && !changed) {
					try {
						ResultSet open = statement.statement.getResultSet();
						if (open != null) {
							open.close();
						}
						statement.statement.clearParameters();
						statement.statement.clearBatch();
						statement.inUse = false;
						return;
					}
					catch (SQLException ex) {
						// Not reusable after all: closed below, like any other.
					}
				}
				if (held) {
					this.kept.remove(sql);
				}
				closeQuietly(statement.statement);
			}
		}

		private void closeAll() {
			synchronized (this.kept) {
				for (Kept statement : this.kept.values()) {
					closeQuietly(statement.statement);
				}
				this.kept.clear();
			}
		}

		private static void closeQuietly(PreparedStatement statement) {
			try {
				statement.close();
			}
			catch (SQLException ex) {
				// Its connection is closing or gone; nothing is left to free.
			}
		}

	}

	/** A kept statement as one user sees it: closed for that user once it is given back. */
	private static final class Lent implements InvocationHandler {

		private final CachingConnection connection;

		private final Kept statement;

		private final String sql;

		private boolean closed;

		private boolean changed;

		Lent(CachingConnection connection, Kept statement, String sql) {
			this.connection = connection;
			this.statement = statement;
			this.sql = sql;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
			String name = method.getName();
			switch (name) {
				case "close" -> {
					if (!this.closed) {
						this.closed = true;
						this.connection.giveBack(this.statement, this.sql, this.changed);
					}
					return null;
				}
				case "isClosed" -> {
					return this.closed || this.statement.statement.isClosed();
				}
				case "getConnection" -> {
					return Objects.requireNonNull(this.connection.proxy);
				}
				case "equals" -> {
					return proxy == Objects.requireNonNull(args)[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				case "toString" -> {
					return "Kept[" + this.statement.statement + "]";
				}
				default -> {
				}
			}
			if (this.closed) {
				throw new SQLException("the statement is closed (" + this.sql + ")", "HY010");
			}
			if (SETTINGS.contains(name)) {
				this.changed = true;
			}
			return call(this.statement.statement, method, args);
		}

	}

}
