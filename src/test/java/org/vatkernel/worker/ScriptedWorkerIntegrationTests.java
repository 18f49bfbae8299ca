package org.vatkernel.worker;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Worker failures that a real xsnap cannot be made to produce, driven through a real child
 * process ({@link ScriptedXsnapWorker}) behind the same shim, pipes and manager.
 */
@Timeout(60)
class ScriptedWorkerIntegrationTests {

	@TempDir
	Path dir;

	private WorkerManager manager;

	@AfterEach
	void tearDown() {
		if (this.manager != null) {
			this.manager.destroy();
		}
	}

	private WorkerDiedException deliverTo(String mode) {
		Path binary = TestVats.script(this.dir, "fake-xsnap-" + mode,
				"exec \"" + Path.of(System.getProperty("java.home"), "bin", "java") + "\" -cp '"
						+ System.getProperty("java.class.path") + "' " + ScriptedXsnapWorker.class.getName() + " " + mode);
		// The stand-in answers the boot's evaluations but writes no heap snapshots.
		this.manager = new WorkerManager(TestVats.properties().withXsnap(binary).withBootSnapshot(false));
		this.manager.start(VatId.of("v1"), "scripted", "{}", true, LiveSlotsOptions.DEFAULTS);

		return catchThrowableOfType(WorkerDiedException.class,
				() -> this.manager.deliver(VatId.of("v1"), TestVats.startVat(), new TestVats.RecordingHandler()));
	}

	@Test
	void garbageFrameIsAnUnknownDeath() {
		WorkerDiedException died = deliverTo("garbage-frame");
		assertThat(died.failure()).isEqualTo(WorkerFailure.MALFORMED_FRAME);
		assertThat(died.getMessage()).contains("non-digit").contains("xyz");
		assertThat(died.signal()).as("the layer kills a worker that broke the protocol").isEqualTo(9);
		assertThat(this.manager.isOnline(VatId.of("v1"))).isFalse();
	}

	@Test
	void oversizedFrameIsRefusedWithoutReadingIt() {
		WorkerDiedException died = deliverTo("oversized-frame");
		assertThat(died.failure()).isEqualTo(WorkerFailure.MALFORMED_FRAME);
		assertThat(died.getMessage()).contains("999999999 bytes is over the limit of 12000000");
	}

	@Test
	void exitZeroInTheMiddleOfADeliveryIsAnUnknownDeath() {
		WorkerDiedException died = deliverTo("exit-zero-mid-delivery");
		assertThat(died.failure()).isEqualTo(WorkerFailure.PIPE_CLOSED);
		assertThat(died.exitCode()).isZero();
		assertThat(died.signal()).isNull();
	}

	@Test
	void unknownUplinkIsAnUnknownDeath() {
		WorkerDiedException died = deliverTo("unknown-uplink");
		assertThat(died.failure()).isEqualTo(WorkerFailure.MALFORMED_REPLY);
		assertThat(died.getMessage()).contains("unknown uplink").contains("launchMissiles");
	}

	@Test
	void unknownReplyTagIsAnUnknownDeath() {
		WorkerDiedException died = deliverTo("unknown-reply-tag");
		assertThat(died.failure()).isEqualTo(WorkerFailure.MALFORMED_FRAME);
		assertThat(died.getMessage()).contains("unknown tag '*'");
	}

	@Test
	void deliveryResultThatIsNeitherOkNorErrorIsAnUnknownDeath() {
		WorkerDiedException died = deliverTo("bad-result");
		assertThat(died.failure()).isEqualTo(WorkerFailure.MALFORMED_REPLY);
		assertThat(died.getMessage()).contains("neither ok nor error");
	}

	@Test
	void workerThatExitsDuringBootIsAnUnknownDeath() {
		Path binary = TestVats.script(this.dir, "fake-xsnap-boot",
				"echo 'cannot initialise the machine' >&2; exit 3");
		this.manager = new WorkerManager(TestVats.properties().withXsnap(binary));

		WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class,
				() -> this.manager.start(VatId.of("v1"), "scripted", "{}", true, LiveSlotsOptions.DEFAULTS));

		assertThat(died.phase()).isEqualTo(WorkerPhase.BOOT);
		assertThat(died.exitCode()).isEqualTo(3);
		assertThat(died.stderrTail()).contains("cannot initialise the machine");
		assertThat(this.manager.isOnline(VatId.of("v1"))).isFalse();
	}

}
