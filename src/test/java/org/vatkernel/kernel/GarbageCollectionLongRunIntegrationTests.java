package org.vatkernel.kernel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vatkernel.kernel.gc.RefcountAudit;
import org.vatkernel.model.VatId;
import tools.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 4,000 messages (-Dgc.rounds=20 for 20,000), each carrying a fresh object from one vat to another, which drops it: after
 * the run, c-lists, kernel objects and promises and the GC tables are where they were after the
 * first 1,000 messages, within what one reap interval can hold, and the counts are exact.
 * Transcripts grow by design (one entry per delivery) and are not part of this bound.
 */
class GarbageCollectionLongRunIntegrationTests {

	static final int ROUNDS = Integer.getInteger("gc.rounds", 4);

	static final int PER_ROUND = 1000;

	/** The importer reaps every 200 deliveries: up to that many dropped objects can be pending. */
	static final int REAP_INTERVAL = 200;

	static final Path CONFIG = TestConfigs.write("boot",
			TestConfigs.vats("boot", "gc-boot", "exporter", "gc-exporter", "importer", "gc-importer", "doomed",
					"gc-importer"),
			"\"defaultReapInterval\": " + REAP_INTERVAL);

	private static final List<String> TABLES = List.of("clist", "kernel_object", "kernel_promise",
			"promise_subscriber", "promise_queue", "kernel_queue", "gc_action", "vatstore");

	@Test
	void thousandsOfDroppedObjectsLeaveTheKernelWhereItWas() {
		try (TestKernel kernel = TestKernel.start(TestConfigs.withOptions(CONFIG, "{\"snapshotInterval\": 0}"))) {
			kernel.awaitIdle();
			VatId boot = kernel.vatId("boot");
			Map<String, Long> afterFirst = null;
			for (int round = 1; round <= ROUNDS; round++) {
				kernel.call(boot, "giveToHold", List.of(IntNode.valueOf(PER_ROUND)));
				kernel.awaitIdle();
				if (round == 1) {
					afterFirst = sizes(kernel);
				}
			}
			Map<String, Long> afterAll = sizes(kernel);

			assertThat(kernel.call(kernel.vatId("importer"), "used")).isEqualTo(Integer.toString(ROUNDS * PER_ROUND));
			// One reap interval's worth of objects (an export, an import, a kernel object each) may
			// wait for the next reap; the host's 19 further result promises stay (it may ask).
			for (Map.Entry<String, Long> size : afterAll.entrySet()) {
				long first = afterFirst.get(size.getKey());
				assertThat(size.getValue()).as("%s: after 1,000 messages %s, after all %s", size.getKey(), first,
						size.getValue())
					.isLessThanOrEqualTo(first + 2 * REAP_INTERVAL + ROUNDS);
			}
			assertThat(afterAll.get("kernel_object")).isLessThan(REAP_INTERVAL + 10);
			assertThat(kernel.bean(RefcountAudit.class).check()).isEmpty();
			System.out.printf("GC long run: after 1,000 messages %s; after %,d %s%n", afterFirst, ROUNDS * PER_ROUND,
					afterAll);
		}
	}

	private static Map<String, Long> sizes(TestKernel kernel) {
		JdbcClient jdbc = JdbcClient.create(kernel.bean(DataSource.class));
		Map<String, Long> sizes = new LinkedHashMap<>();
		for (String table : TABLES) {
			sizes.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		for (String vat : List.of("exporter", "importer")) {
			sizes.put("clist " + vat, jdbc.sql("select count(*) from clist where vat_id = :v")
				.param("v", kernel.vatId(vat).value())
				.query(Long.class)
				.single());
		}
		return sizes;
	}

}
