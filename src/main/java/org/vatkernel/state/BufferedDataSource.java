package org.vatkernel.state;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The kernel DB's DataSource with a crank buffer on every connection ({@link CrankBuffer},
 * {@link BufferedConnection}). Wrapped around whatever pool the application has, outermost, so
 * that the buffer's own statements pass through anything inside it.
 */
public final class BufferedDataSource extends DelegatingDataSource {

	private final KeptRows kept = new KeptRows();

	/** Known from the first connection: whether writes may go as one multi-statement command. */
	private volatile @Nullable Boolean postgres;

	public BufferedDataSource(DataSource target) {
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

	private Connection wrap(Connection target) throws SQLException {
		Boolean known = this.postgres;
		if (known == null) {
			known = BufferedConnection.isPostgres(target);
			this.postgres = known;
		}
		return BufferedConnection.wrap(target, this.kept, known);
	}

}
