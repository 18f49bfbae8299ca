package org.vatkernel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;

/**
 * The crank buffer's rules on a real kernel DB (H2, and PostgreSQL in the postgres run), through
 * the real stores, without Spring: when buffered writes go, what a savepoint rollback does to
 * them, which rows outlive a commit, and what a refused write does. An inner DataSource counts
 * the statements that reach the database.
 */
class CrankBufferIntegrationTests {

	private final SingleConnectionDataSource pool = new SingleConnectionDataSource(TestDatabase.freshUrl(), true);

	private final AtomicInteger sent = new AtomicInteger();

	private final DataSource dataSource = new BufferedDataSource(new Counting(this.pool, this.sent));

	private final JdbcTemplate jdbc = migrated(this.dataSource);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(this.dataSource));

	private final TransactionTemplate readOnly = readOnly(this.dataSource);

	private final CrankBuffer buffer = new CrankBuffer(this.dataSource);

	private final ActivityLog activity = new ActivityLog(this.jdbc, this.buffer);

	private final PromiseStore promises = new PromiseStore(JdbcClient.create(this.jdbc), this.buffer, this.activity);

	private final KernelStateStore state = new KernelStateStore(JdbcClient.create(this.jdbc), this.buffer,
			this.activity);

	private static final KernelRef KP1 = KernelRef.of("kp1");

	private static final KernelRef KP2 = KernelRef.of("kp2");

	@AfterEach
	void close() {
		this.pool.destroy();
	}

	@Test
	void writesWaitUntilAReadOfTheirTableOrTheCommitAndKeepTheirOrder() {
		this.transactions.executeWithoutResult(tx -> {
			int before = this.sent.get();
			this.promises.insert(KP1, null, ResolutionPolicy.IGNORE);
			this.promises.adjustRefCount(KP1, 2);
			this.promises.addSubscriber(KP1, VatId.of("v1"));
			assertThat(this.promises.find(KP1)).get().extracting(KernelPromise::refCount).isEqualTo(2);
			assertThat(this.sent.get()).as("buffered, and read back from the buffer").isEqualTo(before);

			this.state.setting("nothing-here");
			assertThat(this.sent.get()).as("a read of another table sends only itself").isEqualTo(before + 1);

			// A read of the table: the writes up to its last one go first, in order; the
			// subscriber's row (another table, made after) waits for the commit.
			assertThat(this.jdbc.queryForObject("select ref_count from kernel_promise where kpid = ?", Integer.class,
					KP1.value()))
				.isEqualTo(2);
			int flushes = TestDatabase.isPostgres() ? 1 : 2; // one command, or one per statement
			assertThat(this.sent.get()).isEqualTo(before + 1 + flushes + 1);
		});
		assertThat(this.jdbc.queryForObject("select count(*) from promise_subscriber where kpid = ?", Integer.class,
				KP1.value()))
			.isEqualTo(1);
	}

	@Test
	void aSavepointRollbackKeepsTheWritesBeforeItEvenWhenTheyWentAfterIt() {
		this.transactions.executeWithoutResult(tx -> {
			this.promises.insert(KP1, null, ResolutionPolicy.IGNORE);
			Object savepoint = tx.createSavepoint();
			// Sends kp1's insert after the savepoint: the rollback undoes it in the DB.
			assertThat(promiseRows()).isEqualTo(1);
			this.promises.insert(KP2, null, ResolutionPolicy.IGNORE);
			this.promises.adjustRefCount(KP1, 5);
			tx.rollbackToSavepoint(savepoint);
			assertThat(this.promises.find(KP2)).isEmpty();
			assertThat(this.promises.find(KP1)).get().extracting(KernelPromise::refCount).isEqualTo(0);
		});
		assertThat(this.jdbc.queryForList("select kpid from kernel_promise where kpid <> ?", String.class, ""))
			.containsExactly("kp1");
		assertThat(this.jdbc.queryForObject("select ref_count from kernel_promise where kpid = ?", Integer.class,
				KP1.value()))
			.isZero();
	}

	@Test
	void aCommitKeepsItsRowsForTheNextWritingTransactionAndARollbackKeepsNothing() {
		long kp = counter("kp");
		this.transactions.executeWithoutResult(tx -> {
			this.promises.insert(KP1, null, ResolutionPolicy.IGNORE);
			this.state.allocate("kp");
		});

		this.transactions.executeWithoutResult(tx -> {
			int before = this.sent.get();
			assertThat(this.promises.find(KP1)).isPresent();
			assertThat(this.state.peek("kp")).isEqualTo(kp + 1);
			assertThat(this.sent.get()).as("kept from the commit").isEqualTo(before);
		});
		this.readOnly.executeWithoutResult(tx -> {
			int before = this.sent.get();
			assertThat(this.promises.find(KP1)).isPresent();
			assertThat(this.sent.get()).as("a read-only transaction reads its snapshot").isEqualTo(before + 1);
		});

		assertThatThrownBy(() -> this.transactions.executeWithoutResult(tx -> {
			this.promises.adjustRefCount(KP1, 5);
			throw new IllegalStateException("the crank fails");
		})).hasMessage("the crank fails");
		this.transactions.executeWithoutResult(
				tx -> assertThat(this.promises.find(KP1)).get().extracting(KernelPromise::refCount).isEqualTo(0));
	}

	@Test
	void aWriteTheBufferDidNotMakeDropsItsTablesKeptRows() {
		this.transactions.executeWithoutResult(tx -> this.promises.insert(KP1, null, ResolutionPolicy.IGNORE));
		this.transactions.executeWithoutResult(tx -> assertThat(this.promises.find(KP1)).isPresent());

		// Outside any transaction, not through a store: the kept row must not outlive it.
		this.jdbc.update("update kernel_promise set ref_count = ? where kpid = ?", 7, KP1.value());

		this.transactions.executeWithoutResult(
				tx -> assertThat(this.promises.find(KP1)).get().extracting(KernelPromise::refCount).isEqualTo(7));
	}

	@Test
	void aQueueHeadTakenByARolledBackTransactionIsTheHeadAgain() {
		QueueStore queues = new QueueStore(JdbcClient.create(this.jdbc), this.buffer, this.activity);
		this.transactions.executeWithoutResult(tx -> {
			for (int n = 1; n <= 4; n++) {
				queues.append(QueueName.RUN, "{\"n\":" + n + "}");
			}
		});
		this.transactions.executeWithoutResult(tx -> assertThat(next(queues)).isEqualTo("{\"n\":1}"));

		// Takes two heads, so that its floor passes n = 2; the rollback must not keep that floor.
		this.transactions.executeWithoutResult(tx -> {
			assertThat(next(queues)).isEqualTo("{\"n\":2}");
			assertThat(next(queues)).isEqualTo("{\"n\":3}");
			tx.setRollbackOnly();
		});
		this.transactions.executeWithoutResult(tx -> assertThat(next(queues)).isEqualTo("{\"n\":2}"));

		// The same within one transaction, by a savepoint.
		this.transactions.executeWithoutResult(tx -> {
			Object savepoint = tx.createSavepoint();
			assertThat(next(queues)).isEqualTo("{\"n\":3}");
			assertThat(next(queues)).isEqualTo("{\"n\":4}");
			tx.rollbackToSavepoint(savepoint);
			assertThat(next(queues)).isEqualTo("{\"n\":3}");
		});
		this.transactions.executeWithoutResult(tx -> {
			assertThat(next(queues)).isEqualTo("{\"n\":4}");
			assertThat(queues.pollFirst()).isEmpty();
		});
	}

	private static String next(QueueStore queues) {
		return queues.pollFirst().orElseThrow().item();
	}

	@Test
	void aRefusedWriteFailsTheFlushNamingTheTableAndNothingOfTheTransactionCommits() {
		long kp = counter("kp");
		assertThatThrownBy(() -> this.transactions.executeWithoutResult(tx -> {
			this.state.allocate("kp");
			this.promises.insert(KP1, null, ResolutionPolicy.IGNORE);
			// The store would never do this; the DB refuses it as it would a full disk.
			this.buffer.write("kernel_promise", "insert into kernel_promise (kpid, state) values (?, 'unresolved')",
					KP1.value());
			this.buffer.flush();
		})).isInstanceOf(DataAccessException.class)
			.satisfies(ex -> assertThat(ex.getMessage().toLowerCase(Locale.ROOT)).contains("kernel_promise"));

		assertThat(promiseRows()).isZero();
		this.transactions.executeWithoutResult(tx -> {
			assertThat(this.state.peek("kp")).as("the failed allocation is gone").isEqualTo(kp);
			this.promises.insert(KP2, null, ResolutionPolicy.IGNORE);
		});
		assertThat(this.jdbc.queryForList("select kpid from kernel_promise where kpid <> ?", String.class, ""))
			.containsExactly("kp2");
	}

	private long counter(String name) {
		return this.jdbc.queryForObject("select next_value from kernel_counter where name = ?", Long.class, name);
	}

	private int promiseRows() {
		return this.jdbc.queryForObject("select count(*) from kernel_promise where kpid <> ?", Integer.class, "");
	}

	private static JdbcTemplate migrated(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
		return new JdbcTemplate(dataSource);
	}

	private static TransactionTemplate readOnly(DataSource dataSource) {
		TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		template.setReadOnly(true);
		return template;
	}

	/** Counts the statements prepared on its connections: what reaches the database. */
	private static final class Counting extends DelegatingDataSource {

		private final AtomicInteger sent;

		Counting(DataSource target, AtomicInteger sent) {
			super(target);
			this.sent = sent;
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection target = super.getConnection();
			return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
							this.sent.incrementAndGet();
						}
						try {
							return method.invoke(target, args);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
