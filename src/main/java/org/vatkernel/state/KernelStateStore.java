package org.vatkernel.state;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;

/** Kernel counters (ko, kp, vat ids, crank number) and single-valued settings. */
@Repository
public class KernelStateStore {

	private static final String NEXT = "select next_value from kernel_counter where name = :name";

	private static final String BUMP = "update kernel_counter set next_value = next_value + 1 where name = ?";

	private static final String GET_SETTING = "select val from kernel_setting where name = :name";

	private static final String DELETE_SETTING = "delete from kernel_setting where name = :name";

	private static final String INSERT_SETTING = "insert into kernel_setting (name, val) values (:name, :value)";

	private static final String INSERT_OPTIONS_CHANGE = """
			insert into kernel_options_change (crank, options, changed_by, changed_at)
			values (:crank, :options, :changedBy, :changedAt)""";

	private static final String OPTIONS_CHANGES = """
			select crank, options, changed_by, changed_at from kernel_options_change order by seq""";

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	private final ActivityLog activity;

	public KernelStateStore(JdbcClient jdbc, CrankBuffer buffer, ActivityLog activity) {
		this.jdbc = jdbc;
		this.buffer = buffer;
		this.activity = activity;
	}

	/** A counter's cache key (shared with the crank's seal, which moves the crank counter). */
	static CrankBuffer.Key counterKey(String counter) {
		return new CrankBuffer.Key("kernel_counter", counter);
	}

	/** Returns the counter's current value and advances it. */
	public long allocate(String counter) {
		long value = peek(counter);
		this.buffer.write("kernel_counter", BUMP, counter);
		this.buffer.put(counterKey(counter), Optional.of(value + 1));
		this.activity.record("set", "kernel_counter", counter, value + 1);
		return value;
	}

	public long peek(String counter) {
		return this.buffer.<Long>row(counterKey(counter),
				() -> Optional.of(this.jdbc.sql(NEXT).param("name", counter).query(Long.class).single()))
			.orElseThrow();
	}

	public KernelRef newObjectKref() {
		return KernelRef.of("ko" + allocate("ko"));
	}

	public KernelRef newPromiseKpid() {
		return KernelRef.of("kp" + allocate("kp"));
	}

	public VatId newVatId() {
		return VatId.of("v" + allocate("vat"));
	}

	public long crankNumber() {
		return peek("crank");
	}


	public Optional<String> setting(String name) {
		return this.jdbc.sql(GET_SETTING).param("name", name).query(String.class).optional();
	}

	public void putSetting(String name, String value) {
		this.jdbc.sql(DELETE_SETTING).param("name", name).update();
		this.jdbc.sql(INSERT_SETTING).param("name", name).param("value", value).update();
		this.activity.record("set", "kernel_setting", name, value);

	}

	/** Records an operator's change of kernel options (the settings are written separately). */
	public void recordOptionsChange(long crank, String optionsJson, String changedBy, Instant changedAt) {
		this.jdbc.sql(INSERT_OPTIONS_CHANGE)
			.param("crank", crank)
			.param("options", optionsJson)
			.param("changedBy", changedBy)
			.param("changedAt", Timestamp.from(changedAt))
			.update();
	}

	public List<OptionsChange> optionsChanges() {
		return this.jdbc.sql(OPTIONS_CHANGES)
			.query((rs, n) -> new OptionsChange(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** One recorded change: from which crank on, what it set (JSON), who asked and when. */
	public record OptionsChange(long crank, String options, String changedBy, Instant changedAt) {
	}

}
