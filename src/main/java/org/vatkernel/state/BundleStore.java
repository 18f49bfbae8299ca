package org.vatkernel.state;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

	private static final String INFO_COLUMNS = "bundle_id, length(bundle) as size, created_at";

	private static final String PAGE = "select " + INFO_COLUMNS
			+ " from bundle where bundle_id > :after order by bundle_id limit :limit";

	private static final String INFO = "select " + INFO_COLUMNS + " from bundle where bundle_id = :id";

	private final JdbcClient jdbc;

	public BundleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the bundle unless it is already there (ids are content hashes).
	 * @return whether it was stored now
	 */
	public boolean add(String bundleId, String bundleJson) {
		if (this.jdbc.sql(EXISTS).param("id", bundleId).query(Long.class).single() > 0) {
			return false;
		}
		this.jdbc.sql(INSERT)
			.param("id", bundleId)
			.param("bundle", bundleJson)
			.param("createdAt", Timestamp.from(Instant.now()))
			.update();
		return true;
	}

	public Optional<String> find(String bundleId) {
		return this.jdbc.sql(FIND).param("id", bundleId).query(String.class).optional();
	}


	/** A bundle without its text: id, size in characters, when it was installed. */
	public record BundleInfo(String bundleId, long size, Instant createdAt) {
	}

	public List<BundleInfo> page(String afterId, int limit) {
		return this.jdbc.sql(PAGE).param("after", afterId).param("limit", limit).query(BundleStore::info).list();
	}

	public Optional<BundleInfo> info(String bundleId) {
		return this.jdbc.sql(INFO).param("id", bundleId).query(BundleStore::info).optional();
	}

	private static BundleInfo info(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new BundleInfo(rs.getString("bundle_id"), rs.getLong("size"), rs.getTimestamp("created_at").toInstant());
	}

}
