package org.vatkernel.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.vatkernel.state.BufferedDataSource;

/**
 * Counts what the kernel does to its DB, engine-independently: statements prepared (reads too),
 * rows changed by insert, update and delete statements, and the bytes of the values bound to
 * them (strings as UTF-8, byte arrays as they are, numbers as 8). Added to a benchmark kernel as
 * an extra configuration.
 */
@Configuration(proxyBeanMethods = false)
public class DbWriteCounter {

	static final AtomicLong ROWS = new AtomicLong();

	/**
	 * Statements prepared, by their SQL as sent, for {@code -Dbench.sql=true} (whitespace is collapsed
	 * when printed, not here: the counter's own cost lands in the kernel time it measures).
	 */
	static final Map<String, AtomicLong> BY_SQL = new ConcurrentHashMap<>();

	static final AtomicLong BYTES = new AtomicLong();

	/** Every statement prepared or batched, reads included. */
	static final AtomicLong ALL_STATEMENTS = new AtomicLong();

	/**
	 * Round trips to a server database: each prepared statement's execution, each batch (however
	 * many statements it carries) and each commit.
	 */
	static final AtomicLong ROUND_TRIPS = new AtomicLong();

	/** Commits that changed at least one row, and the tables they changed, summed. */
	static final AtomicLong WRITING_COMMITS = new AtomicLong();

	static final AtomicLong TABLES_CHANGED = new AtomicLong();

	private static final Map<String, List<String>> WRITES = new ConcurrentHashMap<>();

	private static final Pattern WRITTEN_TABLE = Pattern
		.compile("(?:^|;)\\s*(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+([a-z_][a-z0-9_]*)");

	// Declared as its own type so that Spring sees it is Ordered before making it: it then wraps
	// the pool before the crank buffer does, and counts what the buffer sends.
	@Bean
	static CountingPostProcessor countingDataSource() {
		return new CountingPostProcessor();
	}

	static final class CountingPostProcessor implements BeanPostProcessor, org.springframework.core.Ordered {

		@Override
		public int getOrder() {
			return 0;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			return bean instanceof DataSource ds && !(bean instanceof Counting) && !(bean instanceof BufferedDataSource)
					? new Counting(ds) : bean;
		}

	}

	static final class Counting extends DelegatingDataSource {

		Counting(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Set<String> changed = new HashSet<>();
			return proxy(Connection.class, super.getConnection(), (target, method, args) -> {
				Object result = invoke(target, method, args);
				if (method.getName().equals("commit") && !changed.isEmpty()) {
					WRITING_COMMITS.incrementAndGet();
					TABLES_CHANGED.addAndGet(changed.size());
				}
				if (method.getName().equals("commit") || method.getName().equals("rollback")
						&& (args == null || args.length == 0)) {
					changed.clear();
				}
				if (method.getName().equals("prepareStatement")) {
					BY_SQL.computeIfAbsent(String.valueOf(args[0]), k -> new AtomicLong()).incrementAndGet();
					ALL_STATEMENTS.incrementAndGet();
					ROUND_TRIPS.incrementAndGet();
				}
				if (method.getName().equals("commit")) {
					ROUND_TRIPS.incrementAndGet();
				}
				if (method.getName().equals("createStatement")) {
					return batching((java.sql.Statement) result);
				}
				if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
						&& !tablesWritten(sql).isEmpty()) {
					return statement((PreparedStatement) result, sql, changed);
				}
				return result;
			});
		}

		/** A plain statement: its batches count one round trip each, their statements one each. */
		private static java.sql.Statement batching(java.sql.Statement target) {
			return proxy(java.sql.Statement.class, target, (t, method, args) -> {
				Object result = invoke(t, method, args);
				switch (method.getName()) {
					case "addBatch" -> ALL_STATEMENTS.incrementAndGet();
					case "executeBatch" -> {
						ROUND_TRIPS.incrementAndGet();
						for (int rows : (int[]) result) {
							ROWS.addAndGet(Math.max(0, rows));
						}
					}
					case "execute", "executeUpdate", "executeQuery" -> {
						ALL_STATEMENTS.incrementAndGet();
						ROUND_TRIPS.incrementAndGet();
					}
					default -> {
					}
				}
				return result;
			});
		}

		/**
		 * A write statement. The tables it changed are noted for the commit: those of a statement or
		 * batch that changed a row, and every table a multi-statement command (PostgreSQL) names.
		 */
		private static PreparedStatement statement(PreparedStatement target, String sql, Set<String> changed) {
			List<String> tables = tablesWritten(sql);
			long[] pending = new long[1];
			return proxy(PreparedStatement.class, target, (t, method, args) -> {
				String name = method.getName();
				if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
					pending[0] += size(args[1]);
				}
				Object result = invoke(t, method, args);
				if (name.equals("executeUpdate") || name.equals("executeLargeUpdate")) {
					if (((Number) result).longValue() > 0) {
						changed.addAll(tables);
					}
					ROWS.addAndGet(((Number) result).longValue());
					BYTES.addAndGet(pending[0]);
					pending[0] = 0;
				}
				else if (name.equals("executeBatch")) {
					for (int rows : (int[]) result) {
						if (rows != 0) {
							changed.addAll(tables);
						}
					}
				}
				else if (name.equals("execute")) {
					changed.addAll(tables);
					ROWS.addAndGet(Math.max(0, ((PreparedStatement) t).getUpdateCount()));
					BYTES.addAndGet(pending[0]);
					pending[0] = 0;
				}
				return result;
			});
		}

	}

	interface Call {

		Object call(Object target, Method method, Object[] args) throws Throwable;

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Call call) {
		InvocationHandler handler = (p, method, args) -> call.call(target, method, args);
		return (T) Proxy.newProxyInstance(DbWriteCounter.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** The tables a write statement (or multi-statement command) names; none for a read. Cached by SQL. */
	private static List<String> tablesWritten(String sql) {
		return WRITES.computeIfAbsent(sql, k -> {
			List<String> tables = new ArrayList<>();
			Matcher m = WRITTEN_TABLE.matcher(k.toLowerCase(Locale.ROOT));
			while (m.find()) {
				tables.add(m.group(1));
			}
			return List.copyOf(tables);
		});
	}

	private static long size(Object value) {
		if (value instanceof String s) {
			return s.getBytes(StandardCharsets.UTF_8).length;
		}
		if (value instanceof byte[] b) {
			return b.length;
		}
		if (value instanceof Number || value instanceof Boolean) {
			return 8;
		}
		return value == null ? 0 : String.valueOf(value).length();
	}

}
