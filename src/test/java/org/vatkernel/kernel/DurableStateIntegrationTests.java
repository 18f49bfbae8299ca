package org.vatkernel.kernel;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.state.TranscriptStore;
import org.vatkernel.state.VatKvStore;

import static org.assertj.core.api.Assertions.assertThat;

/** Durable baggage is vatstore state in the kernel DB, kept exactly across many cranks. */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DurableStateIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		// No snapshots, so no bringOutYourDead entries: the transcript is exactly the deliveries.
		TestConfigs.register(registry, TestConfigs.write(null,
				TestConfigs.vats("counter", TestConfigs.Vat.of("durable-counter").parameters("{\"start\": 0}")),
				"\"snapshotInterval\": 0"));
	}

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Autowired
	VatKvStore vatstore;

	@Autowired
	TranscriptStore transcripts;

	@Test
	void baggageCountsAThousandMessages() {
		TestConfigs.awaitIdle(this.runner);
		KernelRef last = null;
		for (int i = 0; i < 1000; i++) {
			last = this.kernel.queueToVatRoot(VatId.of("v5"), "increment", List.of());
		}
		KernelRef get = this.kernel.queueToVatRoot(VatId.of("v5"), "get", List.of());
		TestConfigs.awaitIdle(this.runner);

		assertThat(this.kernel.promise(last).value().asInt()).isEqualTo(1000);
		assertThat(this.kernel.promise(get).value().asInt()).isEqualTo(1000);
		assertThat(this.vatstore.size(VatId.of("v5"))).isPositive();
		// startVat, 1000 increments, the bringOutYourDead the 1000th delivery made due (the
		// default reap interval) and a get: each committed delivery is in the transcript.
		assertThat(this.transcripts.length(VatId.of("v5"))).isEqualTo(1003);
	}

}
