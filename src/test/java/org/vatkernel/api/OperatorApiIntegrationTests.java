package org.vatkernel.api;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.kernel.KernelHttp;
import org.vatkernel.kernel.KernelRunner;
import org.vatkernel.kernel.RefcountsAreExact;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.worker.TestVats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's API over HTTP against a real kernel with real workers: install a bundle,
 * create a vat from it, talk to it, inspect it page by page, terminate it; and bad input that
 * answers a problem detail and writes nothing.
 */
@ExtendWith(RefcountsAreExact.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorApiIntegrationTests {

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) {
		TestConfigs.register(registry, TestConfigs.write(null,
				TestConfigs.vats("first", TestConfigs.Vat.of("tally").parameters("{\"name\":\"first\"}")), ""));
	}

	@Autowired
	KernelRunner runner;

	@LocalServerPort
	int port;

	@Test
	void installCreateTalkInspectTerminate() throws Exception {
		TestConfigs.awaitIdle(this.runner);
		String bundle = Files.readString(TestVats.BUNDLES.resolve("tally.bundle"));

		HttpResponse<String> installed = KernelHttp.post(this.port, "/api/bundles", bundle);
		// The config installed the same bundle already: same content, same id.
		assertThat(installed.statusCode()).isEqualTo(200);
		String bundleId = field(installed.body(), "bundleId");
		assertThat(bundleId).matches("b1-[0-9a-f]{128}");
		assertThat(KernelHttp.get(this.port, "/api/bundles").body()).contains(bundleId);
		assertThat(KernelHttp.get(this.port, "/api/bundles/" + bundleId).body()).contains("\"size\":" + bundle.length());

		HttpResponse<String> created = KernelHttp.post(this.port, "/api/vats", """
				{"bundleId": "%s", "name": "second", "parameters": {"name": "second"},
				 "creationOptions": {"reapInterval": 5}}""".formatted(bundleId));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		String vatId = field(created.body(), "vatId");
		TestConfigs.awaitIdle(this.runner);

		for (int i = 0; i < 3; i++) {
			String kpid = field(KernelHttp.post(this.port, "/api/vats/" + vatId + "/messages",
					"{\"method\":\"record\",\"args\":[\"m" + i + "\"]}").body(), "kpid");
			TestConfigs.awaitIdle(this.runner);
			assertThat(KernelHttp.get(this.port, "/api/promises/" + kpid).body()).contains("\"state\":\"fulfilled\"")
				.contains("\"value\":" + (i + 1));
		}

		String detail = KernelHttp.get(this.port, "/api/vats/" + vatId).body();
		assertThat(detail).contains("\"name\":\"second\"")
			.contains("\"state\":\"RUNNING\"")
			.contains("\"bundleId\":\"" + bundleId + "\"")
			.contains("\"reapInterval\":5")
			.contains("\"online\":true")
			.containsPattern("\"pid\":[1-9][0-9]*")
			// startVat, three messages, and the bringOutYourDead before the first snapshot
			.contains("\"transcriptLength\":5")
			.containsPattern("\"totalComputrons\":[1-9][0-9]*")
			.containsPattern("\"vatstoreSize\":[1-9][0-9]*")
			.containsPattern("\"lastSnapshot\":\\{\"position\":[1-5],");

		// Paging: two transcript entries per page, the cursor continues where the page ended.
		String page1 = KernelHttp.get(this.port, "/api/vats/" + vatId + "/transcript?limit=2").body();
		assertThat(page1).contains("\"position\":0").contains("\"position\":1").doesNotContain("\"position\":2")
			.contains("\"nextCursor\":\"2\"")
			.contains("startVat");
		String page2 = KernelHttp.get(this.port, "/api/vats/" + vatId + "/transcript?limit=2&cursor=2").body();
		assertThat(page2).contains("\"position\":2").contains("\"position\":3").contains("\"nextCursor\":\"4\"");
		String page3 = KernelHttp.get(this.port, "/api/vats/" + vatId + "/transcript?limit=2&cursor=4").body();
		assertThat(page3).contains("\"position\":4").contains("\"nextCursor\":null");
		assertThat(page1 + page2 + page3).contains("bringOutYourDead").contains("m2");

		String keys = KernelHttp.get(this.port, "/api/vats/" + vatId + "/vatstore?limit=1000").body();
		assertThat(keys).contains("\"key\":\"baggageID\"").contains("\"value\":null");
		assertThat(KernelHttp.get(this.port, "/api/vats/" + vatId + "/vatstore?limit=1000&values=true").body())
			.contains("\"key\":\"baggageID\",\"value\":\"o+d6/1\"");
		String firstKey = KernelHttp.get(this.port, "/api/vats/" + vatId + "/vatstore?limit=1").body();
		String cursor = field(firstKey, "nextCursor");
		assertThat(KernelHttp.get(this.port, "/api/vats/" + vatId + "/vatstore?limit=1&cursor=" + cursor).body())
			.doesNotContain("\"key\":\"" + cursor + "\"");

		String clist = KernelHttp.get(this.port, "/api/vats/" + vatId + "/clist").body();
		assertThat(clist).contains("\"vref\":\"o+0\"").contains("\"reachable\":true");
		String rootKref = clist.replaceAll("(?s).*\"kref\":\"(ko[0-9]+)\",\"vref\":\"o\\+0\".*", "$1");
		assertThat(KernelHttp.get(this.port, "/api/objects/" + rootKref).body())
			.contains("\"ownerVatId\":\"" + vatId + "\"")
			.contains("\"pinned\":true");
		assertThat(KernelHttp.get(this.port, "/api/vats/" + vatId + "/test-log").body()).contains("second got m0")
			.contains("second got m2")
			.doesNotContain("first");
		assertThat(KernelHttp.get(this.port, "/api/run-queue").body()).contains("\"items\":[]");
		assertThat(KernelHttp.get(this.port, "/api/vats?name=sec").body()).contains("\"name\":\"second\"")
			.doesNotContain("\"name\":\"first\"");
		String vatsPage = KernelHttp.get(this.port, "/api/vats?limit=1").body();
		assertThat(vatsPage).contains("\"nextCursor\":\"v1\"");
		// v1 vatAdmin, v2-v4 kept for SwingSet's comms, vattp and timer, v5 first, then the new vat
		assertThat(KernelHttp.get(this.port, "/api/vats?limit=1&cursor=v5").body()).contains("\"vatId\":\"" + vatId + "\"");

		HttpResponse<String> terminated = KernelHttp.post(this.port, "/api/vats/" + vatId + "/terminate",
				"{\"reason\":\"decommissioned\"}");
		assertThat(terminated.statusCode()).isEqualTo(200);
		assertThat(terminated.body()).contains("\"state\":\"TERMINATED\"")
			.contains("\"terminationReason\":\"terminated by operator: decommissioned\"")
			.contains("\"terminatedByOperator\":true")
			.contains("\"online\":false");
		TestConfigs.awaitIdle(this.runner);
		String afterKpid = field(KernelHttp.post(this.port, "/api/vats/" + vatId + "/messages",
				"{\"method\":\"record\",\"args\":[\"late\"]}").body(), "kpid");
		TestConfigs.awaitIdle(this.runner);
		assertThat(KernelHttp.get(this.port, "/api/promises/" + afterKpid).body()).contains("\"state\":\"rejected\"")
			.contains("\"errorMessage\":\"vat terminated\"");

		HttpResponse<String> again = KernelHttp.post(this.port, "/api/vats/" + vatId + "/terminate",
				"{\"reason\":\"twice\"}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("/problems/vat-terminated");
		assertThat(KernelHttp.get(this.port, "/api/kernel").body()).contains("\"state\":\"RUNNING\"");
	}

	@Test
	void reapSchedulesABringOutYourDeadForEveryRunningVat() {
		TestConfigs.awaitIdle(this.runner);
		// Make sure v5 (the config's vat) has a worker history: one message (the default reap interval is 1000).
		KernelHttp.post(this.port, "/api/vats/v5/messages", "{\"method\":\"count\",\"args\":[]}");
		TestConfigs.awaitIdle(this.runner);
		HttpResponse<String> reap = KernelHttp.post(this.port, "/api/kernel/reap", "");
		assertThat(reap.statusCode()).isEqualTo(202);
		assertThat(reap.body()).contains("\"scheduled\":[").contains("\"v5\"");
		TestConfigs.awaitIdle(this.runner);
		String transcript = KernelHttp.get(this.port, "/api/vats/v5/transcript?limit=1000").body();
		assertThat(transcript.substring(transcript.lastIndexOf("\"position\":"))).contains("bringOutYourDead");
		assertThat(KernelHttp.get(this.port, "/api/kernel").body()).contains("\"pendingGcActions\":0")
			.containsPattern("\"kernelObjects\":[1-9]")
			.containsPattern("\"clistEntries\":[1-9]");
	}

	@Test
	void badInputAnswersAProblemAndWritesNothing() {
		TestConfigs.awaitIdle(this.runner);
		String before = KernelHttp.get(this.port, "/api/kernel/state-hash").body();

		assertProblem(KernelHttp.post(this.port, "/api/bundles", "{\"moduleFormat\":\"getExport\",\"source\":\"x\"}"),
				400, "invalid-bundle", "moduleFormat");
		assertProblem(KernelHttp.post(this.port, "/api/bundles", "[1, 2"), 400, "invalid-bundle", "not JSON");
		assertProblem(KernelHttp.post(this.port, "/api/bundles", """
				{"moduleFormat":"endoZipBase64","endoZipBase64":"UEsDBA==","endoZipBase64Sha512":"00"}"""), 400,
				"invalid-bundle", "compartment-map.json");
		assertProblem(KernelHttp.post(this.port, "/api/bundles", "x".repeat(33 * 1024 * 1024)), 413, "body-too-large",
				"limit");
		assertProblem(KernelHttp.post(this.port, "/api/vats/v1/messages", "{\"method\":5,\"args\":[]}"), 400,
				"invalid-request", "method");
		assertProblem(KernelHttp.post(this.port, "/api/vats/v1/messages", "{\"method\":\"m\",\"args\":3}"), 400,
				"malformed-request", "");
		assertProblem(KernelHttp.post(this.port, "/api/vats", "{\"bundleId\":\"b1-" + "0".repeat(128) + "\"}"), 404,
				"unknown-bundle", "no bundle");
		assertProblem(KernelHttp.post(this.port, "/api/vats", "{\"bundleId\":\"nope\"}"), 400, "invalid-request",
				"bundleId");
		assertProblem(KernelHttp.get(this.port, "/api/promises/ko20"), 400, "invalid-id", "kernel promise id");
		assertProblem(KernelHttp.get(this.port, "/api/objects/kp40"), 400, "invalid-id", "kernel object id");
		assertProblem(KernelHttp.get(this.port, "/api/objects/ko99999"), 404, "unknown-object", "ko99999");
		assertProblem(KernelHttp.get(this.port, "/api/vats/v999/clist"), 404, "unknown-vat", "v999");
		assertProblem(KernelHttp.get(this.port, "/api/vats?limit=0"), 400, "invalid-request", "limit");
		assertProblem(KernelHttp.get(this.port, "/api/vats?limit=many"), 400, "invalid-request", "limit");
		assertProblem(KernelHttp.get(this.port, "/api/run-queue?queue=other"), 400, "invalid-request", "queue");
		assertProblem(KernelHttp.post(this.port, "/api/vats/v1/terminate", "{\"reason\":\"\"}"), 400,
				"invalid-request", "reason");

		assertThat(KernelHttp.get(this.port, "/api/kernel/state-hash").body()).isEqualTo(before);
		assertThat(KernelHttp.get(this.port, "/api/kernel").body()).contains("\"state\":\"RUNNING\"");
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				t -> assertThat(t).startsWith("application/problem+json"));
		assertThat(response.body()).contains("/problems/" + type + "\"").contains(detail);
	}

	private static String field(String json, String name) {
		Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
		assertThat(m.find()).as("%s in %s", name, json).isTrue();
		return m.group(1);
	}

}
