package org.vatkernel.kernel;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.vatkernel.model.VatId;
import org.vatkernel.state.SnapshotStore;
import org.vatkernel.state.TranscriptStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SwingSet's snapshot schedule: a vat's first heap snapshot once its transcript has
 * {@code snapshotInitial} (3) entries, the next ones every {@code snapshotInterval} entries; each
 * after a {@code bringOutYourDead} delivery of its own.
 */
class InitialSnapshotIntegrationTests {

	private static final Path CONFIG = TestConfigs.write(null,
			TestConfigs.vats("early", "durable-counter", "quiet", "durable-counter"), "");

	@Test
	void firstSnapshotAfterThreeEntriesThenByInterval() {
		try (TestKernel kernel = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 10}"))) {
			SnapshotStore snapshots = kernel.bean(SnapshotStore.class);
			TranscriptStore transcripts = kernel.bean(TranscriptStore.class);
			kernel.call("v5", "increment"); // startVat + 1: two entries, no snapshot yet
			kernel.call("v6", "increment");
			assertThat(snapshots.currentPosition(VatId.of("v5"))).isEmpty();

			kernel.call("v5", "increment"); // third entry: BOYD (the fourth) and a snapshot after it
			assertThat(transcripts.length(VatId.of("v5"))).isEqualTo(4);
			assertThat(snapshots.currentPosition(VatId.of("v5"))).contains(4L);
			assertThat(snapshots.currentPosition(VatId.of("v6"))).isEmpty();

			for (int i = 0; i < 9; i++) {
				kernel.call("v5", "increment"); // entries 5..13: not yet 10 since the snapshot
			}
			assertThat(snapshots.currentPosition(VatId.of("v5"))).contains(4L);
			kernel.call("v5", "increment"); // entry 14, then BOYD as 15
			assertThat(snapshots.currentPosition(VatId.of("v5"))).contains(15L);
			assertThat(kernel.bean(MeterRegistry.class).get("kernel.snapshot.writes").timer().count()).isEqualTo(2);
			assertThat(kernel.call("v5", "get")).isEqualTo("12");
		}
	}

}
