package org.vatkernel.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The activity hash's rules on a real H2 kernel DB, without Spring: the documented encoding, what
 * a rollback (whole or to a savepoint) does to it, and which writes it leaves out.
 */
class ActivityLogTests {

	private final SingleConnectionDataSource pool = new SingleConnectionDataSource(TestDatabase.freshH2(), "sa", "",
			true);

	/** Through the crank buffer, as the kernel writes. */
	private final DataSource dataSource = new BufferedDataSource(this.pool);

	private final JdbcClient jdbc = migrated(this.dataSource);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(this.dataSource));

	private final CrankBuffer buffer = new CrankBuffer(this.dataSource);

	private final ActivityLog activity = new ActivityLog(new JdbcTemplate(this.dataSource), this.buffer);

	private final KernelStateStore state = new KernelStateStore(this.jdbc, this.buffer, this.activity);

	@AfterEach
	void close() {
		this.pool.destroy();
	}

	@Test
	void aCrankChainsItsWritesIntoTheActivityHashAsDocumented() {
		assertThat(this.activity.current()).isEqualTo(new ActivityLog.Link("", 0));
		String sealed = this.transactions.execute(tx -> {
			this.state.putSetting("answer", "42");
			return this.activity.sealCrank(0);
		});

		String crankHash = sha256("3:set14:kernel_setting6:answer2:42\n" + "9:increment14:kernel_counter5:crank\n");
		String expected = sha256("activityhash\n\n" + crankHash + "\n");
		assertThat(sealed).isEqualTo(expected);
		assertThat(this.activity.current()).isEqualTo(new ActivityLog.Link(expected, 0));
		assertThat(new ActivityLog(new JdbcTemplate(this.dataSource), this.buffer).current()).as("as stored")
			.isEqualTo(new ActivityLog.Link(expected, 0));
		assertThat(this.state.crankNumber()).as("the counter moved with the seal").isEqualTo(1);

		String next = this.transactions.execute(tx -> {
			return this.activity.sealCrank(1);
		});
		assertThat(next).isEqualTo(
				sha256("activityhash\n" + expected + "\n" + sha256("9:increment14:kernel_counter5:crank\n") + "\n"));
	}

	@Test
	void aHostWriteIsSealedWhenItCommits() {
		this.transactions.executeWithoutResult(tx -> this.state.putSetting("answer", "42"));

		String expected = sha256("activityhash\n\n" + sha256("3:set14:kernel_setting6:answer2:42\n") + "\n");
		assertThat(this.activity.current().hash()).isEqualTo(expected);
		assertThat(new ActivityLog(new JdbcTemplate(this.dataSource), this.buffer).current().hash()).isEqualTo(expected);
	}

	@Test
	void aRolledBackTransactionLeavesTheChainAsItWas() {
		this.transactions.executeWithoutResult(tx -> this.state.putSetting("answer", "42"));
		ActivityLog.Link before = this.activity.current();

		assertThatThrownBy(() -> this.transactions.executeWithoutResult(tx -> {
			this.state.putSetting("answer", "43");
			this.activity.sealCrank(1);
			throw new IllegalStateException("the worker died");
		})).hasMessage("the worker died");

		assertThat(this.activity.current()).isEqualTo(before);
		assertThat(new ActivityLog(new JdbcTemplate(this.dataSource), this.buffer).current()).isEqualTo(before);
		assertThat(this.state.setting("answer")).contains("42");
	}

	@Test
	void writesUndoneByASavepointRollbackAreNotHashed() {
		String withRollback = this.transactions.execute(tx -> {
			this.state.putSetting("kept", "1");
			Object savepoint = tx.createSavepoint();
			int mark = this.activity.mark();
			this.state.putSetting("undone", "2");
			tx.rollbackToSavepoint(savepoint);
			this.activity.rewind(mark);
			return this.activity.sealCrank(0);
		});

		assertThat(this.state.setting("undone")).isEmpty();
		assertThat(withRollback).isEqualTo(sha256("activityhash\n\n"
				+ sha256("3:set14:kernel_setting4:kept1:1\n" + "9:increment14:kernel_counter5:crank\n") + "\n"));
	}

	@Test
	void nodeLocalWritesLeaveTheChainAlone() {
		this.transactions.executeWithoutResult(tx -> {
			this.state.recordOptionsChange(0, "{}", "operator", Instant.now());
			new BundleStore(this.jdbc).add("b1-x", "{}");
			new VatUpgradeStore(this.jdbc, this.activity)
				.request(new VatUpgradeStore.Request(KernelRef.of("kp1"), VatId.of("v1"), "b1-x",
						"operator", Instant.now()));
		});

		assertThat(this.activity.current()).isEqualTo(new ActivityLog.Link("", 0));
	}

	/** SwingSet bug #8423: releasing a savepoint outside a transaction committed in SQLite. */
	@Test
	void aSavepointNeverCommitsByItself() {
		assertThatThrownBy(() -> this.transactions.executeWithoutResult(tx -> {
			Object savepoint = tx.createSavepoint();
			this.state.putSetting("answer", "42");
			tx.releaseSavepoint(savepoint);
			throw new IllegalStateException("the crank failed");
		})).hasMessage("the crank failed");

		assertThat(this.state.setting("answer")).isEmpty();
		assertThat(this.activity.current().hash()).isEmpty();
	}

	private static JdbcClient migrated(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
		return JdbcClient.create(dataSource);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
