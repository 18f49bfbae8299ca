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
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.state.VatRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zoe's own upgrade path, unmodified: a durable contract started by Zoe and upgraded through its
 * adminFacet ({@code upgradeContract}) keeps its count in baggage; the contract vat is in its
 * second incarnation. The test log must be SwingSet 0.33.0's ({@code swingset-recorded/zoe-upgrade.log}).
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ZoeUpgradeIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		String bundles = "\"bundles\": { " + TestConfigs.bundleEntry("zcf", "zcf-vat") + ", " + TestConfigs.bundleEntry("durableV1", "contract-durable-v1")
				+ ", " + TestConfigs.bundleEntry("durableV2", "contract-durable-v2") + " }";
		TestConfigs.register(registry, TestConfigs.write("bootstrap",
				TestConfigs.vats("bootstrap", "zoe-upgrade-boot", "zoe", "zoe-vat"), bundles));
	}


	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Test
	void aDurableContractKeepsItsStateAcrossUpgradeContract() throws IOException {
		TestConfigs.awaitIdle(this.runner);
		PromiseView result = this.kernel.promise(KernelRef.of(this.kernel.status().bootstrapResult()));
		assertThat(result.state()).isEqualTo(PromiseState.FULFILLED);
		List<String> recorded = Files.readAllLines(Path.of("src/test/resources/swingset-recorded/zoe-upgrade.log"));
		assertThat(this.kernel.testLog()).containsExactlyElementsOf(recorded);
		VatRecord contract = this.kernel.vats().stream().filter(VatRecord::dynamic).findFirst().orElseThrow();
		assertThat(contract.incarnation()).isEqualTo(1);
		assertThat(contract.isRunning()).isTrue();
	}

}
