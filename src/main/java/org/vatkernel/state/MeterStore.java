package org.vatkernel.state;

import java.math.BigInteger;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * vatAdmin's meters, as SwingSet's kernelKeeper keeps them: remaining computrons (or unlimited)
 * and a threshold, by meter id ({@code m1}, {@code m2}…).
 */
@Repository
public class MeterStore {

	/** A meter: {@code remaining} is null for an unlimited meter. */
	public record Meter(String meterId, @Nullable BigInteger remaining, BigInteger threshold) {

		public boolean unlimited() {
			return this.remaining == null;
		}

	}

	static final String UNLIMITED = "unlimited";

	private static final String INSERT = "insert into meter (meter_id, remaining, threshold) values (:id, :remaining, :threshold)";

	private static final String FIND = "select meter_id, remaining, threshold from meter where meter_id = :id";

	private static final String UPDATE = "update meter set remaining = :remaining, threshold = :threshold where meter_id = :id";

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	public MeterStore(JdbcClient jdbc, ActivityLog activity) {
		this.jdbc = jdbc;
		this.activity = activity;
	}

	public void insert(Meter meter) {
		this.jdbc.sql(INSERT)
			.param("id", meter.meterId())
			.param("remaining", meter.unlimited() ? UNLIMITED : meter.remaining().toString())
			.param("threshold", meter.threshold().toString())
			.update();
		this.activity.record("set", "meter", meter.meterId(), meter.unlimited() ? UNLIMITED : meter.remaining(),
				meter.threshold());
	}

	public Optional<Meter> find(String meterId) {
		return this.jdbc.sql(FIND).param("id", meterId).query((rs, row) -> {
			String remaining = rs.getString(2);
			return new Meter(rs.getString(1), UNLIMITED.equals(remaining) ? null : new BigInteger(remaining),
					new BigInteger(rs.getString(3)));
		}).optional();
	}

	public void update(Meter meter) {
		this.jdbc.sql(UPDATE)
			.param("id", meter.meterId())
			.param("remaining", meter.unlimited() ? UNLIMITED : meter.remaining().toString())
			.param("threshold", meter.threshold().toString())
			.update();
		this.activity.record("set", "meter", meter.meterId(), meter.unlimited() ? UNLIMITED : meter.remaining(),
				meter.threshold());

	}

}
