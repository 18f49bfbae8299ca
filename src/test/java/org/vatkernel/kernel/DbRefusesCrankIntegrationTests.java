package org.vatkernel.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A DB that refuses a crank's writes (here a constraint added behind the kernel's back, as a
 * full disk or a revoked grant would refuse them): the crank's buffered writes fail when they
 * are sent, the crank rolls back, and the kernel halts with the DB's error as the reason, not a
 * worker death. Once the DB takes writes again, resume runs the same crank, and the kernel ends
 * where a kernel that never met the fault ends, activity hash included.
 */
class DbRefusesCrankIntegrationTests {

	private static final VatId COUNTER = VatId.of("v5");

	@Test
	void theCrankRollsBackTheKernelHaltsWithTheDbErrorAndResumeCatchesUp() throws Exception {
		String faultFree;
		try (TestKernel kernel = TestKernel.start(WorkerChaosIntegrationTests.CONFIG)) {
			kernel.awaitIdle();
			inject(kernel.kernel());
			kernel.awaitIdle();
			assertThat(kernel.call(COUNTER, "get")).isEqualTo("1");
			faultFree = kernel.kernel().status().activityHash();
		}

		try (TestKernel kernel = TestKernel.start(WorkerChaosIntegrationTests.CONFIG)) {
			kernel.awaitIdle();
			KernelService service = kernel.kernel();
			JdbcTemplate db = new JdbcTemplate(kernel.bean(DataSource.class));
			long transcript = transcriptEntries(db);
			db.update("alter table transcript_entry add constraint refuse_writes check (position < 0) "
					+ (TestDatabase.isPostgres() ? "not valid" : "nocheck"));

			inject(service);
			awaitState(service, KernelState.HALTED);
			HaltReason reason = service.status().haltReason();
			assertThat(reason).isNotNull();
			assertThat(reason.message().toLowerCase(Locale.ROOT)).contains("refuse_writes");
			assertThat(reason.vatId()).as("not a worker death").isNull();
			assertThat(reason.exitCode()).isNull();
			assertThat(transcriptEntries(db)).as("nothing of the crank committed").isEqualTo(transcript);
			assertThat(service.status().runQueueLength()).as("the message is still queued").isEqualTo(1);

			db.update("alter table transcript_entry drop constraint refuse_writes");
			assertThat(service.resume()).isTrue();
			kernel.awaitIdle();
			assertThat(service.status().state()).isEqualTo(KernelState.RUNNING);
			assertThat(kernel.call(COUNTER, "get")).isEqualTo("1");
			assertThat(service.status().activityHash()).matches("[0-9a-f]{64}").isEqualTo(faultFree);
		}
	}

	private static void inject(KernelService service) {
		service.queueToVatRoot(COUNTER, "increment", List.of(JsonNodeFactory.instance.numberNode(1)));
	}

	private static long transcriptEntries(JdbcTemplate db) {
		return db.queryForObject("select count(*) from transcript_entry where vat_id = ?", Long.class,
				COUNTER.value());
	}

	private static void awaitState(KernelService service, KernelState state) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 60_000;
		while (service.status().state() != state) {
			assertThat(System.currentTimeMillis()).as("kernel never %s: %s", state, service.status())
				.isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
