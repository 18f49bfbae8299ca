package org.vatkernel.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.PromiseView;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.kernel.TestKernel;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.VatId;

import static org.vatkernel.bench.Medians.median;
import static org.vatkernel.bench.Medians.ms;

/**
 * Vats that create vats: the time from a host message asking the bootstrap vat to
 * {@code createVatByName} to the answer of the new vat's root (one message to it) — every crank
 * in between: vatAdmin, the device, {@code create-vat} with the new worker's boot and
 * {@code startVat}, {@code newVatCallback}; the time for a Zoe {@code startInstance} of
 * {@code automaticRefund} (a new contract vat from the {@code zcf} bundle); and the Zoe scenario
 * of {@code ZoeScenarioIntegrationTests}, from the first crank to quiescence (the kernel starts
 * paused, so start-up is not counted). Medians. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.vatkernel.bench.DynamicVatBenchmark}
 * (arguments: creations, instances, scenario runs, upgrades). Last, the upgrade of a static vat
 * with about 10 MB of heap ({@code bench-big-heap.js}) to a new incarnation of the same bundle,
 * from the operator's request to the resolved promise: {@code bringOutYourDead}, a fresh worker,
 * {@code startVat}.
 */
public final class DynamicVatBenchmark {

	private DynamicVatBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int creations = args.length > 0 ? Integer.parseInt(args[0]) : 15;
		int instances = args.length > 1 ? Integer.parseInt(args[1]) : 9;
		int scenarioRuns = args.length > 2 ? Integer.parseInt(args[2]) : 5;
		int upgradeRuns = args.length > 3 ? Integer.parseInt(args[3]) : 9;
		String bundles = "\"bundles\": { " + TestConfigs.bundleEntry("child", "dynamic-child") + ", " + TestConfigs.bundleEntry("zcf", "zcf-vat") + ", "
				+ TestConfigs.bundleEntry("automaticRefund", "contract-automatic-refund") + ", " + TestConfigs.bundleEntry("atomicSwap", "contract-atomic-swap")
				+ " }";
		Path config = TestConfigs.write("boot", TestConfigs.vats("boot", "bench-creator", "zoe", "zoe-vat"), bundles);
		try (TestKernel kernel = TestKernel.start(config)) {
			kernel.awaitIdle();
			List<Long> create = measure(kernel, "createOne", creations);
			List<Long> start = measure(kernel, "startInstance", instances);
			System.out.printf("createVat to the new root's answer: median %.0f ms over %d (first %.0f ms)%n",
					ms(median(create)), creations, ms(create.get(0)));
			System.out.printf("Zoe startInstance (automaticRefund): median %.0f ms over %d (first %.0f ms)%n",
					ms(median(start)), instances, ms(start.get(0)));
		}

		Path scenario = TestConfigs.write("bootstrap",
				TestConfigs.vats("bootstrap", "zoe-boot", "zoe", "zoe-vat", "alice",
						TestConfigs.Vat.of("zoe-trader").parameters("{\"name\":\"alice\"}"), "bob",
						TestConfigs.Vat.of("zoe-trader").parameters("{\"name\":\"bob\"}")),
				bundles);
		List<Long> runs = new ArrayList<>();
		for (int i = 0; i < scenarioRuns; i++) {
			try (TestKernel kernel = TestKernel.start(scenario, "kernel.run-on-start=false")) {
				KernelService service = kernel.kernel();
				long t0 = System.nanoTime();
				service.run();
				kernel.awaitIdle();
				runs.add(System.nanoTime() - t0);
				PromiseView result = service.promise(KernelRef.of(service.status().bootstrapResult()));
				if (result.state() != PromiseState.FULFILLED) {
					throw new IllegalStateException("the Zoe scenario failed: " + result);
				}
			}
		}
		System.out.printf("Zoe scenario (refund and swap), first crank to quiescence: median %.0f ms over %d runs%n",
				ms(median(runs)), scenarioRuns);

		Path big = TestConfigs.write(null, TestConfigs.vats("big", "bench-big-heap"), "");
		try (TestKernel kernel = TestKernel.start(big)) {
			kernel.awaitIdle();
			KernelService service = kernel.kernel();
			VatId vatId = kernel.vatId("big");
			String bundleId = service.vat(vatId).bundleId();
			List<Long> upgrades = new ArrayList<>();
			for (int i = 0; i < upgradeRuns; i++) {
				long t0 = System.nanoTime();
				KernelRef kpid = service.upgradeVat(vatId, bundleId, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
						null, "benchmark");
				while (service.promise(kpid).state() == PromiseState.UNRESOLVED) {
					Thread.sleep(1);
				}
				upgrades.add(System.nanoTime() - t0);
				if (service.promise(kpid).state() != PromiseState.FULFILLED) {
					throw new IllegalStateException("upgrade failed: " + service.promise(kpid));
				}
			}
			System.out.printf("upgrade of a vat with a 10 MB heap, request to resolved: median %.0f ms over %d (heap: %s strings, %s starts)%n",
					ms(median(upgrades)), upgradeRuns, kernel.call(vatId, "size"), kernel.call(vatId, "starts"));
		}
	}

	private static List<Long> measure(TestKernel kernel, String method, int n) throws InterruptedException {
		KernelService service = kernel.kernel();
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long t0 = System.nanoTime();
			KernelRef kpid = service.queueToVatRoot(VatId.of("v1"), method, List.of());
			while (service.promise(kpid).state() == PromiseState.UNRESOLVED) {
				Thread.sleep(1);
			}
			nanos.add(System.nanoTime() - t0);
			if (service.promise(kpid).state() != PromiseState.FULFILLED) {
				throw new IllegalStateException(method + " failed: " + service.promise(kpid));
			}
		}
		return nanos;
	}


}
