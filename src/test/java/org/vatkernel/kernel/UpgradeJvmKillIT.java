package org.vatkernel.kernel;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.security.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application is killed with SIGKILL while it works through a series of vat
 * upgrades (each crank a {@code bringOutYourDead}, a fresh worker and a {@code startVat} of a
 * vat with a 10 MB heap, so most kills land inside one), and started again each time: every
 * acknowledged upgrade happens exactly once, and it ends with the state hash of a run without
 * kills. {@code -Dchaos.upgrades} sizes it.
 */
class UpgradeJvmKillIT {

	private static final int UPGRADES = Integer.getInteger("chaos.upgrades", 14);

	private static final Path CONFIG = TestConfigs.write(null, TestConfigs.vats("big", "bench-big-heap"), "");

	private static final VatId BIG = VatId.of("v5");

	@TempDir
	Path dir;

	@Test
	void killingTheJvmDuringUpgradesChangesNothing() throws Exception {
		String faultFreeHash;
		String bundleId;
		// As the killed node does: the upgrades asked for before the first crank runs.
		try (TestKernel kernel = TestKernel.start(CONFIG, "kernel.run-on-start=false")) {
			bundleId = kernel.kernel().vat(BIG).bundleId();
			for (int i = 0; i < UPGRADES; i++) {
				kernel.kernel().upgradeVat(BIG, bundleId, VatProtocolJson.parse("{}"), "upgrade " + i, TestUsers.OPERATOR.username());
			}
			kernel.kernel().run();
			kernel.awaitIdle();
			assertThat(kernel.kernel().vat(BIG).incarnation()).isEqualTo(UPGRADES);
			faultFreeHash = kernel.stateHash();
		}

		Path db = this.dir.resolve("kernel");
		int port = PackagedApp.freePort();
		Process app = start(db, port, false);
		for (int i = 0; i < UPGRADES; i++) {
			HttpResponse<String> sent = KernelHttp.post(port, "/api/vats/" + BIG + "/upgrade",
					"{\"bundleId\":\"" + bundleId + "\",\"upgradeMessage\":\"upgrade " + i + "\"}");
			assertThat(sent.statusCode()).isEqualTo(202);
		}
		KernelHttp.post(port, "/api/kernel/resume", "");
		PackagedApp.Killed killed = PackagedApp.killWhileWorkIsLeft(app, port, 3, new Random(11), 1200, 1500,
				() -> start(db, port, true));
		app = killed.app();
		int kills = killed.kills();
		PackagedApp.awaitDrained(port, 300, "upgrades");
		Thread.sleep(500);
		String hash = KernelHttp.get(port, "/api/kernel/state-hash").body();
		String detail = KernelHttp.get(port, "/api/vats/" + BIG).body();
		app.destroy();
		app.waitFor();

		assertThat(kills).as("kills while upgrades were left").isEqualTo(3);
		assertThat(detail).contains("\"incarnation\":" + UPGRADES);
		assertThat(hash).contains(faultFreeHash);
	}

	private Process start(Path db, int port, boolean run) throws Exception {
		return PackagedApp.start(this.dir, CONFIG, PackagedApp.h2(db), port, run);
	}

}
