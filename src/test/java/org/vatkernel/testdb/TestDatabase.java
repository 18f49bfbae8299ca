package org.vatkernel.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a test kernel runs on: a fresh in-memory H2 (PostgreSQL mode, as the embedded
 * default) unless the run is a PostgreSQL run ({@code -Dvatkernel.test-db=postgres}, the
 * {@code postgres} surefire execution), where every call creates a fresh database on the server
 * named by {@code VATKERNEL_TEST_POSTGRES_URL} ({@code .ci/postgres} starts one).
 */
public final class TestDatabase {

	public static final String ENGINE_PROPERTY = "vatkernel.test-db";

	public static final String SERVER_ENV = "VATKERNEL_TEST_POSTGRES_URL";

	private TestDatabase() {
	}

	public static boolean isPostgres() {
		return "postgres".equals(System.getProperty(ENGINE_PROPERTY));
	}

	/** A JDBC URL (credentials included) of an empty database of this run's engine. */
	public static String freshUrl() {
		return isPostgres() ? freshPostgres() : freshH2();
	}

	public static String freshH2() {
		return "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
	}

	/** A new database on the test server: {@code CREATE DATABASE} through the admin URL. */
	public static String freshPostgres() {
		String admin = System.getenv(SERVER_ENV);
		if (admin == null || admin.isBlank()) {
			throw new IllegalStateException("the PostgreSQL test run needs " + SERVER_ENV
					+ " (an admin JDBC URL; .ci/postgres starts a server and prints one)");
		}
		String name = "vk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
			s.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create a test database on " + admin, ex);
		}
		return withDatabase(admin, name);
	}

	/**
	 * Drops a database {@link #freshPostgres} made, once nothing is connected to it: a benchmark's,
	 * so that the server does not vacuum it beside the next run (measured: 263–276 instead of
	 * ≈ 360 deliveries/s on a server still busy with earlier runs' databases).
	 */
	public static void dropPostgres(String url) {
		int pathStart = url.indexOf('/', url.indexOf("//") + 2);
		int query = url.indexOf('?', pathStart);
		String name = url.substring(pathStart + 1, query < 0 ? url.length() : query);
		try (Connection c = DriverManager.getConnection(System.getenv(SERVER_ENV)); Statement s = c.createStatement()) {
			s.execute("drop database if exists " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot drop the test database " + name, ex);
		}
	}

	/** Points a Spring test's {@code spring.datasource.url} at a fresh database of this run's engine. */
	public static void register(DynamicPropertyRegistry registry) {
		String url = freshUrl();
		registry.add("spring.datasource.url", () -> url);
	}

	static String withDatabase(String url, String database) {
		int hostStart = url.indexOf("//") + 2;
		int pathStart = url.indexOf('/', hostStart);
		int query = url.indexOf('?', pathStart);
		return url.substring(0, pathStart + 1) + database + (query < 0 ? "" : url.substring(query));
	}

}
