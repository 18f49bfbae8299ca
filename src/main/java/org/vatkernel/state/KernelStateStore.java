package org.vatkernel.state;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Kernel counters (ko, kp, vat ids, crank number) and single-valued settings. */
@Repository
public class KernelStateStore {

	private static final String NEXT = "select next_value from kernel_counter where name = :name";

	private static final String BUMP = "update kernel_counter set next_value = next_value + 1 where name = :name";

	private static final String GET_SETTING = "select val from kernel_setting where name = :name";

	private static final String DELETE_SETTING = "delete from kernel_setting where name = :name";

	private static final String INSERT_SETTING = "insert into kernel_setting (name, val) values (:name, :value)";

	private final JdbcClient jdbc;

	public KernelStateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Returns the counter's current value and advances it. */
	public long allocate(String counter) {
		long value = peek(counter);
		this.jdbc.sql(BUMP).param("name", counter).update();
		return value;
	}

	public long peek(String counter) {
		return this.jdbc.sql(NEXT).param("name", counter).query(Long.class).single();
	}

	public String newObjectKref() {
		return "ko" + allocate("ko");
	}

	public String newPromiseKpid() {
		return "kp" + allocate("kp");
	}

	public String newVatId() {
		return "v" + allocate("vat");
	}

	public long crankNumber() {
		return peek("crank");
	}

	public void incrementCrankNumber() {
		this.jdbc.sql(BUMP).param("name", "crank").update();
	}

	public Optional<String> setting(String name) {
		return this.jdbc.sql(GET_SETTING).param("name", name).query(String.class).optional();
	}

	public void putSetting(String name, String value) {
		this.jdbc.sql(DELETE_SETTING).param("name", name).update();
		this.jdbc.sql(INSERT_SETTING).param("name", name).param("value", value).update();
	}

}
