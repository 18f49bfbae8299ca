package org.vatkernel.worker;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker restored from a heap snapshot continues the vat exactly where the original was. */
@Timeout(120)
class HeapSnapshotIntegrationTests {

	@TempDir
	Path dir;

	private WorkerManager manager;

	@BeforeEach
	void setUp() {
		this.manager = new WorkerManager(TestVats.properties());
	}

	@AfterEach
	void tearDown() {
		this.manager.destroy();
	}

	@Test
	void restoredWorkerGivesTheSameResultAndComputeAsTheOriginal() throws Exception {
		this.manager.start(VatId.of("v1"), "original", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
		this.manager.deliver(VatId.of("v1"), TestVats.startVat(), new TestVats.RecordingHandler());
		this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-60", "a"), new TestVats.RecordingHandler());
		this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-61", "b"), new TestVats.RecordingHandler());

		HeapSnapshot snapshot = this.manager.snapshot(VatId.of("v1"), this.dir.resolve("v1.xss"));
		assertThat(snapshot.size()).isEqualTo(Files.size(snapshot.file())).isPositive();
		assertThat(snapshot.sha256()).hasSize(64);

		this.manager.startFromSnapshot(VatId.of("v2"), "restored", snapshot.file(), true);

		TestVats.RecordingHandler original = new TestVats.RecordingHandler();
		DeliveryReport fromOriginal = this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-62", "c"), original);
		TestVats.RecordingHandler restored = new TestVats.RecordingHandler();
		DeliveryReport fromRestored = this.manager.deliver(VatId.of("v2"), TestVats.call("hello", "p-62", "c"),
				restored);

		assertThat(restored.syscalls).isEqualTo(original.syscalls);
		assertThat(restored.resolves().get(0).resolutions().get(0).data().body()).isEqualTo("#\"hi c #3\"");
		assertThat(fromRestored.result().status()).isEqualTo(fromOriginal.result().status()).isEqualTo("ok");
		assertThat(fromRestored.result().meterUsage().compute())
			.isEqualTo(fromOriginal.result().meterUsage().compute());
	}

	@Test
	void snapshotOfTheSameHeapHasTheSameHash() throws Exception {
		this.manager.start(VatId.of("v1"), "a", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
		this.manager.deliver(VatId.of("v1"), TestVats.startVat(), new TestVats.RecordingHandler());
		HeapSnapshot first = this.manager.snapshot(VatId.of("v1"), this.dir.resolve("first.xss"));
		HeapSnapshot second = this.manager.snapshot(VatId.of("v1"), this.dir.resolve("second.xss"));
		assertThat(second.sha256()).isEqualTo(first.sha256());
		assertThat(Files.mismatch(first.file(), second.file())).isEqualTo(-1L);
	}

	@Test
	void unreadableSnapshotIsABootFailure() throws Exception {
		Path bogus = Files.writeString(this.dir.resolve("bogus.xss"), "not a heap");

		WorkerDiedException died = org.assertj.core.api.Assertions.catchThrowableOfType(WorkerDiedException.class,
				() -> this.manager.startFromSnapshot(VatId.of("v1"), "bogus", bogus, true));

		assertThat(died.phase()).isEqualTo(WorkerPhase.BOOT);
		assertThat(died.exitCode()).isNotNull();
		assertThat(this.manager.isOnline(VatId.of("v1"))).isFalse();
	}

}
