package org.vatkernel.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.vatkernel.model.VatId;
import org.vatkernel.slog.Slog;
import org.vatkernel.worker.WorkerInfo;
import org.vatkernel.worker.WorkerManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgraded vats across the kernel's other events, each run ending with the state hash of the
 * plain run of {@code UpgradeIntegrationTests}' scenario: with two workers online (nearly every switch an
 * eviction, every return a replay of the current incarnation only) and then a restart of the
 * application; and a worker death in the middle of an upgrade, which is not the vat's doing: the
 * upgrade's crank rolls back (the old incarnation untouched), the kernel halts, and a resume runs
 * the upgrade again.
 */
class UpgradeLifecycleIntegrationTests {

	private static final Path CONFIG = TestConfigs.write("boot", TestConfigs.vats("boot", "upgrade-boot"),
			"\"bundles\": { " + TestConfigs.bundleEntry("v1", "upgrade-v1") + ", " + TestConfigs.bundleEntry("v2", "upgrade-v2") + ", "
					+ TestConfigs.bundleEntry("v2-forgets-kind", "upgrade-v2-forgets-kind") + ", " + TestConfigs.bundleEntry("v2-throws", "upgrade-v2-throws")
					+ " }");

	private static final VatId UPGRADED = VatId.of("v6");


	private static String faultFree;

	private static List<String> faultFreeLog;

	@org.junit.jupiter.api.BeforeAll
	static void plainRun() {
		try (TestKernel kernel = TestKernel.start(CONFIG)) {
			kernel.awaitIdle();
			faultFree = kernel.stateHash();
			faultFreeLog = kernel.kernel().testLog();
		}
	}

	@Test
	void evictionsAndARestartReplayOnlyTheCurrentIncarnation(@org.junit.jupiter.api.io.TempDir Path dir) {
		String url = org.vatkernel.testdb.TestDatabase.isPostgres() ? org.vatkernel.testdb.TestDatabase.freshPostgres()
				: "jdbc:h2:file:" + dir.resolve("kernel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		try (TestKernel kernel = TestKernel.start(CONFIG, "spring.datasource.url=" + url,
				"kernel.warehouse.max-workers-online=2")) {
			kernel.awaitIdle();
			assertThat(kernel.kernel().testLog()).isEqualTo(faultFreeLog);
			assertThat(kernel.stateHash()).isEqualTo(faultFree);
		}
		try (TestKernel kernel = TestKernel.start(CONFIG, "spring.datasource.url=" + url)) {
			kernel.awaitIdle();
			assertThat(kernel.stateHash()).isEqualTo(faultFree);
			// Back from its third incarnation's transcript alone: version 2, its durable collection.
			assertThat(kernel.call(UPGRADED, "version")).isEqualTo("\"v2 three, things: a\"");
			assertThat(kernel.kernel().vat(UPGRADED).incarnation()).isEqualTo(2);
		}
	}

	@Test
	void aWorkerKilledDuringAnUpgradeHaltsAndTheResumedRunEndsAsTheFaultFreeOne() throws Exception {
		try (TestKernel kernel = TestKernel.start(CONFIG, "kernel.run-on-start=false")) {
			WorkerManager workers = kernel.bean(WorkerManager.class);
			AtomicBoolean armed = new AtomicBoolean(true);
			// At the start of the first upgrade crank, kill the vat's worker (the old incarnation's,
			// about to get its bringOutYourDead) from another thread.
			kernel.bean(Slog.class).addSink(event -> {
				if (event.path("type").stringValue("").equals("vat-upgrade") && event.path("phase").stringValue("").equals("start")
						&& armed.compareAndSet(true, false)) {
					for (WorkerInfo w : workers.workers()) {
						if (w.vatId().equals(UPGRADED)) {
							ProcessHandle.of(w.pid()).ifPresent(ProcessHandle::destroyForcibly);
						}
					}
				}
			});
			kernel.kernel().run();
			TestConfigs.awaitHalted(kernel.kernel());
			assertThat(armed.get()).isFalse();
			assertThat(kernel.kernel().status().haltReason().vatId()).isEqualTo(UPGRADED);
			assertThat(kernel.kernel().vat(UPGRADED).incarnation()).isZero();
			assertThat(kernel.kernel().resume()).isTrue();
			kernel.awaitIdle();
			assertThat(kernel.kernel().status().state()).isEqualTo(KernelState.RUNNING);
			assertThat(kernel.kernel().testLog()).isEqualTo(faultFreeLog);
			assertThat(kernel.stateHash()).isEqualTo(faultFree);
		}
	}

}
