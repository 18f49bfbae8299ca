package org.vatkernel.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The packaged application on PostgreSQL is SIGKILLed in the middle of sending a crank's
 * buffered writes: the test holds a lock on the activity hash's row, which the crank's one write
 * command updates last, so the command has run its other statements and waits there when the
 * kill lands. Nothing of that crank may survive, and after a restart the node ends where a node
 * that was never killed ends (state hash and activity hash), each acknowledged message applied
 * once. Needs the PostgreSQL test server ({@code VATKERNEL_TEST_POSTGRES_URL}; {@code .ci/run}
 * starts one), so it is skipped without it.
 */
class MidFlushKillIT {

	private static final int MESSAGES = 5;

	@TempDir
	Path dir;

	@Test
	void aKillWhileACranksWritesAreBeingSentLosesNothingCommittedAndAppliesNothingTwice() throws Exception {
		assumeTrue(System.getenv(TestDatabase.SERVER_ENV) != null, "needs " + TestDatabase.SERVER_ENV);
		Path config = WorkerChaosIntegrationTests.CONFIG;

		String faultFreeState;
		String faultFreeActivity;
		try (TestKernel kernel = TestKernel.start(config, "kernel.run-on-start=false")) {
			for (int i = 1; i <= MESSAGES; i++) {
				kernel.kernel().queueToVatRoot(vat(i), "increment", List.of(JsonNodeFactory.instance.numberNode(i)));
			}
			kernel.kernel().run();
			kernel.awaitIdle();
			faultFreeState = kernel.stateHash();
			faultFreeActivity = kernel.kernel().status().activityHash();
		}

		String url = TestDatabase.freshPostgres();
		int port = PackagedApp.freePort();
		Process app = PackagedApp.start(this.dir, config, url, port, false);
		for (int i = 1; i <= MESSAGES; i++) {
			HttpResponse<String> sent = KernelHttp.post(port, "/api/vats/" + vat(i) + "/messages",
					"{\"method\":\"increment\",\"args\":[" + i + "]}");
			assertThat(sent.statusCode()).isEqualTo(202);
		}
		long crankBefore;
		try (Connection lock = DriverManager.getConnection(url)) {
			crankBefore = crankCounter(lock);
			lock.setAutoCommit(false);
			try (Statement s = lock.createStatement()) {
				s.executeQuery("select hash from activity_hash where id = 1 for update").close();
			}
			KernelHttp.post(port, "/api/kernel/resume", "");
			awaitWriteWaitingOnLock(url);
			app.descendants().forEach(ProcessHandle::destroyForcibly);
			app.destroyForcibly().waitFor();
			lock.rollback();
			lock.setAutoCommit(true);
			assertThat(crankCounter(lock)).as("nothing of the crank killed mid-write committed").isEqualTo(crankBefore);
		}

		app = PackagedApp.start(this.dir, config, url, port, true);
		try {
			PackagedApp.awaitDrained(port, 200, "workload");
			Thread.sleep(500);
			assertThat(KernelHttp.get(port, "/api/kernel/state-hash").body()).contains(faultFreeState);
			assertThat(faultFreeActivity).matches("[0-9a-f]{64}");
			assertThat(KernelHttp.get(port, "/api/kernel").body())
				.contains("\"activityHash\":\"" + faultFreeActivity + "\"");
		}
		finally {
			app.destroy();
			app.waitFor();
		}
	}

	private static VatId vat(int i) {
		return VatId.of("v" + (5 + i % 5));
	}

	private static long crankCounter(Connection connection) throws Exception {
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("select next_value from kernel_counter where name = 'crank'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Until another session of this database waits for a lock: the crank's write command. */
	private static void awaitWriteWaitingOnLock(String url) throws Exception {
		long deadline = System.currentTimeMillis() + 60_000;
		try (Connection watch = DriverManager.getConnection(url); Statement s = watch.createStatement()) {
			while (true) {
				try (ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
						+ "and datname = current_database() and query like '%activity_hash%'")) {
					rs.next();
					if (rs.getLong(1) > 0) {
						return;
					}
				}
				assertThat(System.currentTimeMillis()).as("no crank waited on the lock").isLessThan(deadline);
				Thread.sleep(20);
			}
		}
	}

}
