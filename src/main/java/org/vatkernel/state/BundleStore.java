package org.vatkernel.state;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Installed bundles by content-addressed id. */
@Repository
public class BundleStore {

	private static final String EXISTS = "select count(*) from bundle where bundle_id = :id";

	private static final String INSERT = """
			insert into bundle (bundle_id, bundle, created_at) values (:id, :bundle, :createdAt)
			""";

	private static final String FIND = "select bundle from bundle where bundle_id = :id";

	private final JdbcClient jdbc;

	public BundleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the bundle unless it is already there (ids are content hashes). */
	public void add(String bundleId, String bundleJson) {
		if (this.jdbc.sql(EXISTS).param("id", bundleId).query(Long.class).single() == 0) {
			this.jdbc.sql(INSERT)
				.param("id", bundleId)
				.param("bundle", bundleJson)
				.param("createdAt", Timestamp.from(Instant.now()))
				.update();
		}
	}

	public Optional<String> find(String bundleId) {
		return this.jdbc.sql(FIND).param("id", bundleId).query(String.class).optional();
	}

}
