package org.vatkernel.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every column of the migrated schema is either in the state hash or on
 * {@link StateHashStore#LOCAL_ONLY} with a reason: a migration that adds consensus state without
 * hashing it fails here, not on two diverging nodes.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class StateHashCoverageIntegrationTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyColumnIsHashedOrDeclaredLocal() {
		List<String[]> columns = this.jdbc
			.sql("select table_name, column_name from information_schema.columns where lower(table_schema) = 'public'")
			.query((rs, n) -> new String[] { rs.getString(1).toLowerCase(Locale.ROOT),
					rs.getString(2).toLowerCase(Locale.ROOT) })
			.list();
		assertThat(columns).extracting(c -> c[0]).contains("vat", "clist", "kernel_setting", "transcript_entry");
		Map<String, List<String>> hashed = StateHashStore.hashedColumns();
		List<String> uncovered = new ArrayList<>();
		for (String[] column : columns) {
			Map<String, String> local = StateHashStore.LOCAL_ONLY.getOrDefault(column[0], Map.of());
			boolean isHashed = hashed.getOrDefault(column[0], List.of()).contains(column[1]);
			boolean isLocal = local.containsKey("*") || local.containsKey(column[1]);
			if (isHashed == isLocal) {
				uncovered.add(column[0] + "." + column[1] + (isHashed ? " (both hashed and local)" : ""));
			}
		}
		assertThat(uncovered).as("columns neither hashed nor declared local-only").isEmpty();
	}

	@Test
	void everyHashedColumnExists() {
		for (Map.Entry<String, List<String>> table : StateHashStore.hashedColumns().entrySet()) {
			for (String column : table.getValue()) {
				// Throws on a column the schema does not have.
				this.jdbc.sql("select " + column + " from " + table.getKey() + " where 1 = 0").query().listOfRows();
			}
		}
	}

}
