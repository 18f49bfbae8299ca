package org.vatkernel.state;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The kernel DB's DataSource with a crank buffer on every connection ({@link CrankBuffer},
 * {@link BufferedConnection}). Wrapped around whatever pool the application has, outermost, so
 * that the buffer's own statements pass through anything inside it.
 */
public final class BufferedDataSource extends DelegatingDataSource {

	private final KeptRows kept = new KeptRows();

	public BufferedDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return BufferedConnection.wrap(obtainTargetDataSource().getConnection(), this.kept);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return BufferedConnection.wrap(obtainTargetDataSource().getConnection(username, password), this.kept);
	}

}
