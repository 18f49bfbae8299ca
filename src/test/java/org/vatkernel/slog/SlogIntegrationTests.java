package org.vatkernel.slog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.kernel.TestKernel;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slog of a small workload with a metering fault, with one worker online (so vats are
 * evicted, restored from snapshots and replayed): every line of the file is a JSON object, the
 * events come in SwingSet's order, and a test sink sees exactly the file's events.
 */
class SlogIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aSmallWorkloadsSlogParsesLineByLineAndIsInOrder() throws Exception {
		Path file = this.dir.resolve("kernel.slog");
		Path config = TestConfigs.write("boot", TestConfigs.vats("boot", "boot-metering", "spinner", "worker-test-vat",
				"recurser", "worker-test-vat", "allocator", "worker-test-vat", "bystander", "worker-test-vat"), "");
		List<JsonNode> sunk = new ArrayList<>();
		try (TestKernel kernel = TestKernel.start(config, "kernel.slog.file=" + file, "kernel.warehouse.max-workers-online=1",
				"kernel.run-on-start=false")) {
			kernel.bean(Slog.class).addSink(sunk::add);
			kernel.kernel().run();
			kernel.awaitIdle();
		}

		List<String> lines = Files.readAllLines(file);
		List<JsonNode> events = lines.stream().map(VatProtocolJson::parse).toList();
		assertThat(events).allSatisfy(e -> {
			assertThat(e.isObject()).isTrue();
			assertThat(e.path("type").isString()).isTrue();
			assertThat(e.path("time").isNumber()).isTrue();
		});
		List<String> types = events.stream().map(e -> e.path("type").stringValue()).toList();
		// The vats were created (applying the config) before the sink was added; after that, the
		// sink saw what the file got.
		// (five from the config, and vatAdmin)
		assertThat(types.subList(0, 6)).containsOnly("create-vat");
		assertThat(sunk.stream().map(VatProtocolJson::write).toList()).isEqualTo(lines.subList(6, lines.size()));

		assertThat(types).contains("crank-start", "deliver", "syscall", "syscall-result", "deliver-result",
				"crank-finish", "terminate-vat", "heap-snapshot-save", "heap-snapshot-load", "start-replay",
				"finish-replay");
		checkCrankStructure(events.subList(6, events.size()));

		JsonNode fault = events.stream()
			.filter(e -> e.path("type").stringValue().equals("deliver-result") && e.path("meteringFault").asBoolean())
			.findFirst()
			.orElseThrow();
		assertThat(fault.path("dr").path("status").stringValue()).isEqualTo("error");
		assertThat(fault.path("dr").path("problem").stringValue()).isEqualTo("Compute meter exceeded");
		int faultAt = events.indexOf(fault);
		assertThat(events.subList(faultAt, events.size()))
			.filteredOn(e -> e.path("type").stringValue().equals("terminate-vat"))
			.first()
			.satisfies(t -> assertThat(t.path("reason").stringValue()).isEqualTo("Compute meter exceeded"));
		// The snapshot's parts, measured apart: w, the worker's restart from it, and its store.
		assertThat(events).filteredOn(e -> e.path("type").stringValue().equals("heap-snapshot-save"))
			.isNotEmpty()
			.allSatisfy(e -> assertThat(List.of(e.path("writeMillis"), e.path("restartMillis"), e.path("storeMillis")))
				.allSatisfy(part -> assertThat(part.isNumber()).isTrue()));
		assertThat(events).filteredOn(e -> e.path("type").stringValue().equals("crank-finish"))

			.allSatisfy(e -> assertThat(e.path("activityHash").stringValue()).matches("[0-9a-f]{64}"))
			.allSatisfy(e -> assertThat(e.path("stateHash").isMissingNode() || e.path("stateHash").isNull()).isTrue());

		assertThat(events).filteredOn(e -> e.path("type").stringValue().equals("deliver-result")
				&& e.path("dr").path("status").stringValue().equals("ok"))
			.anySatisfy(e -> assertThat(e.path("dr").path("meterUsage").path("compute").asLong()).isPositive());
	}

	/**
	 * Cranks do not overlap and count up by one; inside a crank, each {@code deliver} is followed
	 * by its syscalls (each with its result) and then its {@code deliver-result}.
	 */
	private static void checkCrankStructure(List<JsonNode> events) {
		Long open = null;
		long last = -1;
		String inDelivery = null;
		for (JsonNode e : events) {
			String type = e.path("type").stringValue();
			switch (type) {
				case "crank-start" -> {
					assertThat(open).as("crank-start inside crank %s", open).isNull();
					open = e.path("crankNum").asLong();
					if (last >= 0) {
						assertThat(open).isEqualTo(last + 1);
					}
				}
				case "crank-finish" -> {
					assertThat(e.path("crankNum").asLong()).isEqualTo(open);
					assertThat(inDelivery).isNull();
					last = open;
					open = null;
				}
				case "deliver" -> {
					assertThat(open).isNotNull();
					assertThat(inDelivery).isNull();
					inDelivery = e.path("vatID").stringValue();
				}
				case "syscall", "syscall-result" -> assertThat(e.path("vatID").stringValue()).isEqualTo(inDelivery);
				case "deliver-result" -> {
					assertThat(e.path("vatID").stringValue()).isEqualTo(inDelivery);
					inDelivery = null;
				}
				default -> {
				}
			}
		}
		assertThat(open).isNull();
		assertThat(last).isPositive();
	}

}
