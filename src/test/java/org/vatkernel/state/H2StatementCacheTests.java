package org.vatkernel.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link H2StatementCache} under a real Hikari pool on a real H2 database: what the kernel's
 * connections get when they prepare a statement they prepared before.
 */
class H2StatementCacheTests {

	private static final String SELECT = "select v from t where id = ?";

	private final HikariDataSource pool = new HikariDataSource();

	@BeforeEach
	void start() throws SQLException {
		this.pool.setJdbcUrl("jdbc:h2:mem:statement-cache-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		this.pool.setMaximumPoolSize(1);
		new H2StatementCache().postProcessBeforeInitialization(this.pool, "dataSource");
		try (Connection c = this.pool.getConnection(); Statement s = c.createStatement()) {
			s.execute("create table t (id int primary key, v varchar(20))");
			s.execute("insert into t values (1, 'one'), (2, 'two')");
		}
	}

	@AfterEach
	void stop() {
		this.pool.close();
	}

	@Test
	void aStatementPreparedOnALaterBorrowingIsTheOneKeptOpen() throws SQLException {
		JdbcPreparedStatement first;
		try (Connection c = this.pool.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
			first = ps.unwrap(JdbcPreparedStatement.class);
			assertThat(value(ps, 1)).isEqualTo("one");
		}
		try (Connection c = this.pool.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
			assertThat(ps.unwrap(JdbcPreparedStatement.class)).isSameAs(first);
			assertThat(value(ps, 2)).isEqualTo("two");
		}
		assertThat(first.isClosed()).isFalse();
	}

	@Test
	void parametersAndBatchesDoNotCarryOverToTheNextUser() throws SQLException {
		try (Connection c = this.pool.getConnection()) {
			try (PreparedStatement ps = c.prepareStatement(SELECT)) {
				assertThat(value(ps, 1)).isEqualTo("one");
			}
			try (PreparedStatement ps = c.prepareStatement(SELECT)) {
				assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("#1");
			}
			try (PreparedStatement ps = c.prepareStatement("insert into t values (?, ?)")) {
				ps.setInt(1, 3);
				ps.setString(2, "three");
				ps.addBatch();
			}
			try (PreparedStatement ps = c.prepareStatement("insert into t values (?, ?)")) {
				ps.setInt(1, 4);
				ps.setString(2, "four");
				ps.addBatch();
				assertThat(ps.executeBatch()).containsExactly(1);
			}
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from t")) {
				rs.next();
				assertThat(rs.getInt(1)).as("the abandoned batch's row was never inserted").isEqualTo(3);
			}
		}
	}

	@Test
	void theSameSqlUsedInsideItsOwnLoopGetsAStatementOfItsOwn() throws SQLException {
		try (Connection c = this.pool.getConnection()) {
			PreparedStatement outer = c.prepareStatement("select id from t order by id");
			PreparedStatement inner = c.prepareStatement("select id from t order by id");
			JdbcPreparedStatement kept = outer.unwrap(JdbcPreparedStatement.class);
			JdbcPreparedStatement own = inner.unwrap(JdbcPreparedStatement.class);
			assertThat(own).isNotSameAs(kept);
			try (ResultSet rs = outer.executeQuery(); ResultSet again = inner.executeQuery()) {
				assertThat(rs.next() && again.next() && again.next() && rs.next()).isTrue();
				assertThat(rs.getInt(1)).isEqualTo(2);
			}
			inner.close();
			outer.close();
			assertThat(own.isClosed()).as("the second user's statement is not kept").isTrue();
			try (PreparedStatement ps = c.prepareStatement("select id from t order by id")) {
				assertThat(ps.unwrap(JdbcPreparedStatement.class)).isSameAs(kept);
			}
		}
	}

	@Test
	void aStatementGivenBackRefusesItsFormerUser() throws SQLException {
		try (Connection c = this.pool.getConnection()) {
			PreparedStatement ps = c.prepareStatement(SELECT);
			ps.close();
			assertThat(ps.isClosed()).isTrue();
			assertThatThrownBy(() -> value(ps, 1)).isInstanceOf(SQLException.class).hasMessageContaining("closed");
			ps.close(); // twice is harmless, as JDBC says
			try (PreparedStatement next = c.prepareStatement(SELECT)) {
				assertThat(value(next, 2)).isEqualTo("two");
			}
		}
	}

	@Test
	void aStatementWhoseSettingsAUserChangedIsClosedNotHandedOn() throws SQLException {
		try (Connection c = this.pool.getConnection()) {
			JdbcPreparedStatement changed;
			try (PreparedStatement ps = c.prepareStatement("select id from t order by id")) {
				ps.setMaxRows(1);
				changed = ps.unwrap(JdbcPreparedStatement.class);
			}
			assertThat(changed.isClosed()).isTrue();
			try (PreparedStatement ps = c.prepareStatement("select id from t order by id");
					ResultSet rs = ps.executeQuery()) {
				assertThat(rs.next() && rs.next()).as("no max rows left over").isTrue();
			}
		}
	}

	@Test
	void beyondTheLimitTheLeastRecentlyUsedStatementIsClosed() throws SQLException {
		try (Connection c = this.pool.getConnection()) {
			JdbcPreparedStatement oldest;
			try (PreparedStatement ps = c.prepareStatement("select 0")) {
				oldest = ps.unwrap(JdbcPreparedStatement.class);
			}
			for (int i = 1; i < H2StatementCache.SIZE; i++) {
				c.prepareStatement("select " + i).close();
			}
			assertThat(oldest.isClosed()).as("at the limit, still kept").isFalse();
			c.prepareStatement("select " + H2StatementCache.SIZE).close();
			assertThat(oldest.isClosed()).isTrue();
		}
	}

	@Test
	void aTableChangedBetweenUsesIsSeenByTheKeptStatement() throws SQLException {
		try (Connection c = this.pool.getConnection()) {
			try (PreparedStatement ps = c.prepareStatement("select * from t where id = 1");
					ResultSet rs = ps.executeQuery()) {
				assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
			}
			try (Statement s = c.createStatement()) {
				s.execute("alter table t add column w int default 7");
			}
			try (PreparedStatement ps = c.prepareStatement("select * from t where id = 1");
					ResultSet rs = ps.executeQuery()) {
				assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
				assertThat(rs.next()).isTrue();
				assertThat(rs.getInt("w")).isEqualTo(7);
			}
		}
	}

	@Test
	void aConnectionThePoolClosesClosesItsKeptStatements() throws SQLException {
		JdbcPreparedStatement kept;
		try (Connection c = this.pool.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
			kept = ps.unwrap(JdbcPreparedStatement.class);
		}
		this.pool.close();
		assertThat(kept.isClosed()).isTrue();
	}

	@Test
	void aPostgresPoolIsLeftAlone() {
		try (HikariDataSource postgres = new HikariDataSource()) {
			postgres.setJdbcUrl("jdbc:postgresql://localhost:5432/kernel");
			new H2StatementCache().postProcessBeforeInitialization(postgres, "dataSource");
			assertThat(postgres.getDataSource()).isNull();
		}
	}

	private static String value(PreparedStatement ps, int id) throws SQLException {
		ps.setInt(1, id);
		try (ResultSet rs = ps.executeQuery()) {
			rs.next();
			return rs.getString(1);
		}
	}

}
