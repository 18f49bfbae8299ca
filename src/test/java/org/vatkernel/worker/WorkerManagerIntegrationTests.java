package org.vatkernel.worker;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vatkernel.model.CapData;
import org.vatkernel.model.Resolution;
import org.vatkernel.model.VatDeliveryResult;
import org.vatkernel.model.VatId;

import static org.assertj.core.api.Assertions.assertThat;

/** A real liveslots vat on a real xsnap-worker: boot, startVat, a message and its resolve. */
@Timeout(120)
class WorkerManagerIntegrationTests {

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
	void messageToRootResolvesItsResultPromise() {
		this.manager.start(VatId.of("v1"), "test", TestVats.bundle("worker-test-vat"), true, LiveSlotsOptions.DEFAULTS);
		TestVats.RecordingHandler startHandler = new TestVats.RecordingHandler();
		DeliveryReport started = this.manager.deliver(VatId.of("v1"), TestVats.startVat(), startHandler);
		assertThat(started.result().isOk()).as("startVat: %s", started.result()).isTrue();
		assertThat(started.result().meterUsage().compute()).isPositive();

		TestVats.RecordingHandler handler = new TestVats.RecordingHandler();
		DeliveryReport report = this.manager.deliver(VatId.of("v1"), TestVats.call("hello", "p-60", "world"), handler);

		assertThat(report.result()).extracting(VatDeliveryResult::status).isEqualTo("ok");
		assertThat(report.isMeteringFault()).isFalse();
		assertThat(handler.resolves()).hasSize(1);
		assertThat(handler.resolves().get(0).resolutions())
			.containsExactly(new Resolution("p-60", false, CapData.of("#\"hi world #1\"")));
		assertThat(handler.testLog).containsExactly("hello world");
		assertThat(this.manager.worker(VatId.of("v1"))).get().satisfies(info -> {
			assertThat(info.deliveries()).isEqualTo(2);
			assertThat(info.state()).isEqualTo(XsnapWorker.State.READY);
			assertThat(info.lastMeterUsage()).isNotNull();
		});
		assertThat(List.of(report.result().meterUsage().compute())).allSatisfy(c -> assertThat(c).isPositive());
	}

}
