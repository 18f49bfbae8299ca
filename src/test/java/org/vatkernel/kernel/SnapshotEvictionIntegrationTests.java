package org.vatkernel.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vatkernel.model.VatId;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.vat.VatWarehouse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vat evicted and brought back from its heap snapshot plus transcript tail answers exactly
 * as one that was never evicted, and the kernel state is the same.
 */
class SnapshotEvictionIntegrationTests {

	private static final Path CONFIG = TestConfigs.write(null,
			TestConfigs.vats("counter", "durable-counter", "other", "durable-counter"), "");

	/** 500 increments to v5, then v6 (which evicts v5 when one worker may run), then v5 again. */
	private static List<String> workload(TestKernel kernel) {
		KernelService service = kernel.kernel();
		// Start-up work (vatAdmin's service) first: promises are numbered alike in every run only
		// when the injections do not race the cranks that allocate them.
		kernel.awaitIdle();
		for (int i = 0; i < 500; i++) {
			service.queueToVatRoot(VatId.of("v5"), "increment", List.of());
		}
		kernel.awaitIdle();
		List<String> answers = new ArrayList<>();
		answers.add(kernel.call("v6", "increment"));
		answers.add(kernel.call("v5", "get"));
		answers.add(kernel.call("v5", "increment"));
		answers.add(kernel.call("v6", "get"));
		answers.add(kernel.call("v5", "increment"));
		return answers;
	}

	@Test
	void evictedVatComesBackFromItsSnapshotWithTheSameAnswersAndStateHash() {
		List<String> evictedAnswers;
		String evictedHash;
		try (TestKernel evicting = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 50}"),
				"kernel.warehouse.max-workers-online=1")) {
			evictedAnswers = workload(evicting);
			SnapshotStore.SnapshotInfo snapshot = evicting.bean(SnapshotStore.class).current(VatId.of("v5")).orElseThrow();
			assertThat(snapshot.snapPos()).isGreaterThanOrEqualTo(500);
			assertThat(snapshot.compressedSize()).isLessThan(snapshot.uncompressedSize());
			assertThat(evicting.bean(VatWarehouse.class).onlineCount()).isEqualTo(1);
			evictedHash = evicting.stateHash();
		}

		try (TestKernel steady = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 50}"),
				"kernel.warehouse.max-workers-online=50")) {
			assertThat(workload(steady)).isEqualTo(evictedAnswers);
			assertThat(steady.stateHash()).isEqualTo(evictedHash);
		}

		// Snapshots change no answer: without them (and so without their bringOutYourDeads).
		try (TestKernel noSnapshots = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 0}"))) {
			assertThat(workload(noSnapshots)).isEqualTo(evictedAnswers);
		}
		assertThat(evictedAnswers).containsExactly("1", "500", "501", "1", "502");
	}

}
