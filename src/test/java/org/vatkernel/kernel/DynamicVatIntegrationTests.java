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
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatState;
import org.vatkernel.state.VatRecord;
import org.vatkernel.worker.TestVats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Vats that create vats, through SwingSet's own vatAdmin vat and vatkernel's vatAdmin device:
 * a bootstrap ({@code dynamic-boot.js}) creates vats from a bundlecap and by name, passes one an
 * object in {@code vatParameters}, and sees {@code done()} settled by {@code exitVat},
 * {@code exitVatWithFailure}, {@code terminateWithFailure}, an infinite loop and a meter
 * underflow, and failed creations rejected. Its test log must be the one the real SwingSet
 * (0.33.0) wrote for the same config ({@code swingset-recorded/dynamic-vats.log}), but for the
 * one deviation vatkernel chooses: a pipelining vat is refused.
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DynamicVatIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		Path child = TestVats.BUNDLES.resolve("dynamic-child.bundle").toAbsolutePath();
		TestConfigs.register(registry, TestConfigs.write("boot", TestConfigs.vats("boot", "dynamic-boot"),
				"\"bundles\": { \"child\": { \"bundleSpec\": \"" + child + "\" } }"));
	}

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@Autowired
	VatQueries vatQueries;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry metrics;

	@Test
	void vatsCreatedThroughVatAdminBehaveAsOnSwingSet() throws IOException {
		TestConfigs.awaitIdle(this.runner);
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
		PromiseView result = this.kernel.promise(KernelRef.of(this.kernel.status().bootstrapResult()));
		assertThat(result.state()).isEqualTo(PromiseState.FULFILLED);
		assertThat(result.resolution().body()).isEqualTo("#\"dynamic done\"");

		List<String> recorded = Files.readAllLines(Path.of("src/test/resources/swingset-recorded/dynamic-vats.log"));
		String swingsetPipelining = recorded.get(recorded.size() - 1);
		assertThat(swingsetPipelining).startsWith("pipelining: ok");
		// (the other tests of this class only add lines after these)
		assertThat(this.kernel.testLog().subList(0, recorded.size() - 1))
			.containsExactlyElementsOf(recorded.subList(0, recorded.size() - 1));

		// Vat ids as on SwingSet: v2 vatAdmin, v3-v5 kept for comms, vattp and timer.
		VatRecord alpha = vat("alpha");
		assertThat(alpha.vatId()).isEqualTo(VatId.of("v6"));
		assertThat(alpha.dynamic()).isTrue();
		assertThat(alpha.isRunning()).isTrue();
		assertThat(vat("vatAdmin").vatId()).isEqualTo(VatId.of("v2"));
		assertThat(vat("vatAdmin").dynamic()).isFalse();
		VatRecord beta = this.kernel.vat(VatId.of("v7"));
		assertThat(beta.terminationCause()).isEqualTo(TerminationCause.EXIT.name());
		assertThat(this.kernel.vat(VatId.of("v9")).terminationCause())
			.isEqualTo(TerminationCause.TERMINATED_BY_VAT_ADMIN.name());
		assertThat(this.kernel.vat(VatId.of("v10")).terminationCause())
			.isEqualTo(TerminationCause.COMPUTE_METER_EXCEEDED.name());
		VatRecord zeta = this.kernel.vat(VatId.of("v11"));
		assertThat(zeta.terminationCause()).isEqualTo(TerminationCause.METER_UNDERFLOW.name());
		assertThat(zeta.meterId()).isEqualTo("m2");
		// Who asked: the bootstrap vat, waiting for vatAdmin's answer.
		assertThat(alpha.parentVatId()).isEqualTo(VatId.of("v1"));
		assertThat(alpha.source()).isEqualTo(VatRecord.VAT_ADMIN);
		VatQueries.VatDetail zetaDetail = this.vatQueries.vat(zeta.vatId());
		assertThat(zetaDetail.meter()).isEqualTo(new VatQueries.Meter("m2", "10", "1000"));
		assertThat(zetaDetail.dynamic()).isTrue();
		assertThat(this.metrics.get("kernel.meter.underflows").counter().count()).isEqualTo(1);
		assertThat(this.metrics.get("kernel.vats").tags("source", "vatAdmin", "state", "terminated").gauge().value())
			.isEqualTo(5);
		assertThat(this.metrics.get("kernel.vats").tags("source", "config", "state", "running").gauge().value())
			.isEqualTo(2);
		// The creation whose startVat failed left no vat behind (rolled back, as on SwingSet).
		assertThatThrownBy(() -> this.kernel.vat(VatId.of("v12"))).isInstanceOf(UnknownVatException.class);

		// vatkernel refuses a pipelining vat where SwingSet made one.
		this.kernel.queueToVatRoot(VatId.of("v1"), "tryPipelining", List.of());
		TestConfigs.awaitIdle(this.runner);
		List<String> log = this.kernel.testLog();
		assertThat(log.get(log.size() - 1)).isEqualTo("pipelining: rejected Error: Vat Creation Error: Error: Error: "
				+ "enablePipelining is not supported by vatkernel: liveslots vats do not pipeline");
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
	}

	/**
	 * An object passed in {@code vatParameters} is collected once the dynamic vat drops it: the
	 * vatAdmin device passes it on without keeping it (SwingSet's device c-list would keep it for
	 * good), so the exporter is told {@code dropExports} and {@code retireExports}.
	 */
	@Test
	void anObjectPassedInVatParametersIsCollectedOnceTheDynamicVatDropsIt() {
		TestConfigs.awaitIdle(this.runner);
		VatId alpha = vat("alpha").vatId();
		// alpha's only import: the bootstrap's friend, from vatParameters
		List<VatQueries.ClistEntry> imports = this.vatQueries.clist(alpha, "", 100)
			.stream()
			.filter(e -> e.vref().isObject() && !e.vref().allocatedByVat())
			.toList();
		assertThat(imports).hasSize(1);
		KernelRef friend = imports.get(0).kref();

		this.kernel.reapAllVats();
		TestConfigs.awaitIdle(this.runner);

		assertThat(this.vatQueries.clist(alpha, "", 100)).noneMatch(e -> e.kref().equals(friend));
		assertThat(this.vatQueries.clist(VatId.of("v2"), "", 100)).as("vatAdmin").noneMatch(e -> e.kref().equals(friend));
		assertThat(this.vatQueries.clist(VatId.of("v1"), "", 100)).noneMatch(e -> e.kref().equals(friend));
		assertThatThrownBy(() -> this.kernel.object(friend)).isInstanceOf(RequestRefusedException.class);
	}

	/** SwingSet's installBundle tells vatAdmin, so that those waiting for the bundle get it. */
	@Test
	void aBundleInstalledLaterAnswersThoseWaitingForIt() throws IOException {
		TestConfigs.awaitIdle(this.runner);
		String bundle = Files.readString(TestVats.BUNDLES.resolve("exiter.bundle"));
		String bundleId = "b1-" + org.vatkernel.model.VatProtocolJson.parse(bundle).path("endoZipBase64Sha512").stringValue();
		this.kernel.queueToVatRoot(VatId.of("v1"), "waitForBundle",
				List.of(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(bundleId)));
		TestConfigs.awaitIdle(this.runner);
		assertThat(this.kernel.testLog()).noneMatch(line -> line.startsWith("late bundle"));

		assertThat(this.kernel.installBundle(bundle).created()).isTrue();
		TestConfigs.awaitIdle(this.runner);
		assertThat(this.kernel.testLog()).contains("late bundle: still here");
	}

	private VatRecord vat(String name) {
		return this.kernel.vats().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
	}

}
