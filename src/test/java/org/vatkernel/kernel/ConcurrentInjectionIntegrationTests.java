package org.vatkernel.kernel;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.VatId;
import org.vatkernel.state.VatRecord;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST threads inject messages ({@code POST /api/vats/{id}/messages}, each a short transaction
 * of its own) while the kernel thread runs crank transactions: no deadlock, no lost update,
 * every injected message delivered exactly once. Runs on H2 and, in the postgres run, on
 * PostgreSQL (READ COMMITTED, its default).
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentInjectionIntegrationTests {

	static final int THREADS = 6;

	static final int PER_THREAD = 100;

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write(null,
				TestConfigs.vats("a", TestConfigs.Vat.of("tally").parameters("{\"name\":\"a\"}"), "b",
						TestConfigs.Vat.of("tally").parameters("{\"name\":\"b\"}")),
				""));
	}

	@Autowired
	KernelService kernel;

	@Autowired
	KernelRunner runner;

	@LocalServerPort
	int port;

	@Test
	void everyInjectedMessageIsDeliveredExactlyOnce() throws Exception {
		TestConfigs.awaitIdle(this.runner);
		Map<String, VatId> vatIds = this.kernel.vats().stream()
			.collect(Collectors.toMap(VatRecord::name, VatRecord::vatId));
		// Cranks of the vats' own, running while the injections arrive.
		KernelRef chainA = this.kernel.queueToVatRoot(vatIds.get("a"), "chain", List.of(IntNode.valueOf(300)));
		KernelRef chainB = this.kernel.queueToVatRoot(vatIds.get("b"), "chain", List.of(IntNode.valueOf(300)));

		List<String> kpids = Collections.synchronizedList(new ArrayList<>());
		List<String> refused = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			done.add(pool.submit(() -> {
				for (int i = 0; i < PER_THREAD; i++) {
					VatId vat = vatIds.get((thread + i) % 2 == 0 ? "a" : "b");
					HttpResponse<String> sent = KernelHttp.post(this.port, "/api/vats/" + vat + "/messages",
							"{\"method\":\"record\",\"args\":[\"t" + thread + "-" + i + "\"]}");
					if (sent.statusCode() == 202) {
						kpids.add(sent.body().replaceAll(".*\"kpid\":\"(kp[0-9]+)\".*", "$1"));
					}
					else {
						refused.add(sent.statusCode() + " " + sent.body());
					}
				}
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		pool.shutdown();
		TestConfigs.awaitIdle(this.runner);

		assertThat(refused).isEmpty();
		assertThat(kpids).hasSize(THREADS * PER_THREAD).doesNotHaveDuplicates();
		assertThat(kpids).allSatisfy(kpid -> assertThat(this.kernel.promise(KernelRef.of(kpid)).state()).isEqualTo(PromiseState.FULFILLED));
		assertThat(this.kernel.promise(chainA).state()).isEqualTo(PromiseState.FULFILLED);
		assertThat(this.kernel.promise(chainB).state()).isEqualTo(PromiseState.FULFILLED);

		// Each id logged exactly once, by the vat it was sent to.
		Map<String, Long> deliveries = this.kernel.testLog().stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		List<String> expected = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			for (int i = 0; i < PER_THREAD; i++) {
				expected.add(((t + i) % 2 == 0 ? "a" : "b") + " got t" + t + "-" + i);
			}
		}
		assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(deliveries.values()).allMatch(n -> n == 1);
		assertThat(call(vatIds.get("a"), "count") + call(vatIds.get("b"), "count")).isEqualTo(THREADS * PER_THREAD);
	}

	private int call(VatId vatId, String method) {
		KernelRef kpid = this.kernel.queueToVatRoot(vatId, method, List.of());
		TestConfigs.awaitIdle(this.runner);
		return Integer.parseInt(this.kernel.promise(kpid).value().toString());
	}

}
