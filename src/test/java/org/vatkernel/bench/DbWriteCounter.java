package org.vatkernel.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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

	/** Statements prepared, by their SQL (whitespace collapsed), for {@code -Dbench.sql=true}. */
	static final Map<String, AtomicLong> BY_SQL = new ConcurrentHashMap<>();

	static final AtomicLong BYTES = new AtomicLong();

	/** Every statement prepared or batched, reads included. */
	static final AtomicLong ALL_STATEMENTS = new AtomicLong();

	/**
	 * Round trips to a server database: each prepared statement's execution, each batch (however
	 * many statements it carries) and each commit.
	 */
	static final AtomicLong ROUND_TRIPS = new AtomicLong();

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
			return proxy(Connection.class, super.getConnection(), (target, method, args) -> {
				Object result = invoke(target, method, args);
				if (method.getName().equals("prepareStatement")) {
					BY_SQL.computeIfAbsent(String.valueOf(args[0]).replaceAll("\\s+", " "), k -> new AtomicLong())
						.incrementAndGet();
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
						&& isWrite(sql)) {
					return statement((PreparedStatement) result);
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

		private static PreparedStatement statement(PreparedStatement target) {

			long[] pending = new long[1];
			return proxy(PreparedStatement.class, target, (t, method, args) -> {
				String name = method.getName();
				if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
					pending[0] += size(args[1]);
				}
				Object result = invoke(t, method, args);
				if (name.equals("executeUpdate") || name.equals("executeLargeUpdate")) {
					ROWS.addAndGet(((Number) result).longValue());
					BYTES.addAndGet(pending[0]);
					pending[0] = 0;
				}
				else if (name.equals("execute")) {
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

	private static boolean isWrite(String sql) {
		String s = sql.stripLeading().toLowerCase(Locale.ROOT);
		return s.startsWith("insert") || s.startsWith("update") || s.startsWith("delete") || s.startsWith("merge");
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
