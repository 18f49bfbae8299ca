package org.vatkernel.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.VatId;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatUpgradeStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vat upgrade through {@code adminNode.upgrade}: a vat with a durable counter, kind and
 * collection upgraded to a version 2 that redefines the kind with a new method, after two
 * upgrades that fail (a kind not redefined, a {@code startVat} that throws) and leave version 1
 * running with its state. The test log must be the one SwingSet 0.33.0 wrote
 * ({@code swingset-recorded/upgrade.log}): the count and durable objects survive, the promise the
 * vat decided is rejected with the disconnection object, the ephemeral export is gone.
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UpgradeIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		String bundles = "\"bundles\": { " + TestConfigs.bundleEntry("v1", "upgrade-v1") + ", " + TestConfigs.bundleEntry("v2", "upgrade-v2") + ", "
				+ TestConfigs.bundleEntry("v2-forgets-kind", "upgrade-v2-forgets-kind") + ", " + TestConfigs.bundleEntry("v2-throws", "upgrade-v2-throws")
				+ " }";
		TestConfigs.register(registry, TestConfigs.write("boot", TestConfigs.vats("boot", "upgrade-boot"), bundles));
	}


	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Autowired
	VatUpgradeStore upgrades;

	@Test
	void durableStateSurvivesAndFailedUpgradesChangeNothing() throws IOException {
		TestConfigs.awaitIdle(this.runner);
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
		List<String> recorded = Files.readAllLines(Path.of("src/test/resources/swingset-recorded/upgrade.log"));
		assertThat(this.kernel.testLog()).containsExactlyElementsOf(recorded);

		VatRecord upgraded = this.kernel.vats().stream().filter(v -> v.name().equals("upgraded")).findFirst().orElseThrow();
		assertThat(upgraded.vatId()).isEqualTo(VatId.of("v6"));
		assertThat(upgraded.incarnation()).isEqualTo(2);
		assertThat(upgraded.isRunning()).isTrue();
		List<VatUpgradeStore.Upgrade> history = this.upgrades.history(upgraded.vatId());
		assertThat(history).extracting(VatUpgradeStore.Upgrade::incarnation).containsExactly(1, 2);
		assertThat(history.get(0).requestedBy()).isEqualTo("vat v1");
		assertThat(history.get(1).fromBundle()).isEqualTo(history.get(1).toBundle());
	}

}
