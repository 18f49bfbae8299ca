package org.vatkernel.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.RequestRefusedException;
import org.vatkernel.kernel.TerminationCause;
import org.vatkernel.kernel.UnknownVatException;
import org.vatkernel.kernel.VatQueries.ClistEntry;
import org.vatkernel.kernel.VatQueries.TestLogLine;
import org.vatkernel.kernel.VatQueries.TranscriptEntry;
import org.vatkernel.kernel.VatQueries.VatDetail;
import org.vatkernel.kernel.VatQueries.VatSummary;
import org.vatkernel.kernel.VatQueries.VatstoreEntry;
import org.vatkernel.kernel.VatQueries;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.model.VatRef;
import org.vatkernel.model.VatState;
import org.vatkernel.security.ApiSecurityConfiguration;
import org.vatkernel.security.TestUsers;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The vat endpoints' success and error shapes, over a mocked kernel. */
@WebMvcTest(VatController.class)
@Import(ApiSecurityConfiguration.class)
class VatControllerTests {

	private static final String OPERATOR = TestUsers.OPERATOR.basicAuth();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	KernelService kernel;

	@MockitoBean
	VatQueries queries;

	@Test
	void listIsPagedAndFiltered() throws Exception {
		given(this.queries.vats("", VatState.RUNNING, "count", 2)).willReturn(List.of(
				new VatSummary(VatId.of("v1"), "counter", VatState.RUNNING, null, null, null, "b1-x", Instant.EPOCH, true, false, "config", null, null),
				new VatSummary(VatId.of("v2"), "counter2", VatState.RUNNING, null, null, null, "b1-x", Instant.EPOCH, false, false, "config", null, null),
				new VatSummary(VatId.of("v3"), "counter3", VatState.RUNNING, null, null, null, "b1-x", Instant.EPOCH, false, true, "vatAdmin", VatId.of("v1"),
						new VatQueries.Meter("m1", "12345", "100"))));
		this.mvc.perform(get("/api/vats?state=RUNNING&name=count&limit=2").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].vatId").value("v1"))
			.andExpect(jsonPath("$.items[0].online").value(true))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.nextCursor").value("v2"));
	}

	@Test
	void listRefusesABadFilterOrLimit() throws Exception {
		this.mvc.perform(get("/api/vats?state=DEAD").header("Authorization", OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/invalid-request"))
			.andExpect(jsonPath("$.errors.state").value("must be RUNNING or TERMINATED"));
		this.mvc.perform(get("/api/vats?limit=1001").header("Authorization", OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.limit").exists());
		verifyNoInteractions(this.queries);
	}

	@Test
	void detail() throws Exception {
		given(this.queries.vat(VatId.of("v3"))).willReturn(new VatDetail(VatId.of("v3"), "spinner", VatState.TERMINATED,
				"Compute meter exceeded", TerminationCause.COMPUTE_METER_EXCEEDED, 12L, false, "b1-x", JsonNodeFactory.instance.objectNode(), Instant.EPOCH,
				new VatDetail.Worker(false, null, null, null), 4, 4, null, 1234, 0, 0, 0, true, "vatAdmin", VatId.of("v1"),
				new VatQueries.Meter("m1", "0", "100"), 1,
				List.of(new VatQueries.Upgrade(1, "b1-x", "b1-y", 40, "operator alice"))));
		this.mvc.perform(get("/api/vats/v3").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.terminationReason").value("Compute meter exceeded"))
			.andExpect(jsonPath("$.terminatedCrank").value(12))
			.andExpect(jsonPath("$.worker.online").value(false))
			.andExpect(jsonPath("$.totalComputrons").value(1234))
			.andExpect(jsonPath("$.dynamic").value(true))
			.andExpect(jsonPath("$.source").value("vatAdmin"))
			.andExpect(jsonPath("$.parentVatId").value("v1"))
			.andExpect(jsonPath("$.meter.remaining").value("0"))
			.andExpect(jsonPath("$.meter.threshold").value("100"))
			.andExpect(jsonPath("$.incarnation").value(1))
			.andExpect(jsonPath("$.upgrades[0].toBundleId").value("b1-y"))
			.andExpect(jsonPath("$.upgrades[0].requestedBy").value("operator alice"));
	}

	@Test
	void detailOfAnUnknownVatOrABadId() throws Exception {
		given(this.queries.vat(VatId.of("v9"))).willThrow(new UnknownVatException(VatId.of("v9")));
		this.mvc.perform(get("/api/vats/v9").header("Authorization", OPERATOR))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/unknown-vat"))
			.andExpect(jsonPath("$.detail").value("no vat v9"));
		this.mvc.perform(get("/api/vats/ko12").header("Authorization", OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/invalid-id"))
			.andExpect(jsonPath("$.errors.vatId").value("must be a vat id such as v1"));
	}

	@Test
	void clistVatstoreTranscriptAndTestLog() throws Exception {
		given(this.queries.clist(VatId.of("v1"), "", 100))
			.willReturn(List.of(new ClistEntry(VatId.of("v1"), KernelRef.of("ko20"), VatRef.of("o+0"), true)));
		this.mvc.perform(get("/api/vats/v1/clist").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].kref").value("ko20"))
			.andExpect(jsonPath("$.items[0].vref").value("o+0"))
			.andExpect(jsonPath("$.items[0].reachable").value(true));
		given(this.queries.vatstore(VatId.of("v1"), "", 100))
			.willReturn(List.of(new VatstoreEntry("baggageID", "o+d6/1")));
		this.mvc.perform(get("/api/vats/v1/vatstore").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.items[0].key").value("baggageID"))
			.andExpect(jsonPath("$.items[0].value").isEmpty());
		this.mvc.perform(get("/api/vats/v1/vatstore?values=true").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.items[0].value").value("o+d6/1"));
		given(this.queries.transcript(VatId.of("v1"), 0, 1, null)).willReturn(List.of(
				new TranscriptEntry(0, VatProtocolJson.parse("{\"d\":[\"startVat\"]}")),
				new TranscriptEntry(1, VatProtocolJson.parse("{\"d\":[\"message\"]}"))));
		this.mvc.perform(get("/api/vats/v1/transcript?limit=1").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.items[0].entry.d[0]").value("startVat"))
			.andExpect(jsonPath("$.nextCursor").value("1"));
		given(this.queries.testLog(VatId.of("v1"), 0, 100))
			.willReturn(List.of(new TestLogLine(7, 3, VatId.of("v1"), "hello")));
		this.mvc.perform(get("/api/vats/v1/test-log").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.items[0].line").value("hello"))
			.andExpect(jsonPath("$.items[0].crank").value(3));
		this.mvc.perform(get("/api/vats/v1/transcript?cursor=-1").header("Authorization", OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.cursor").exists());
	}

	@Test
	void create() throws Exception {
		given(this.kernel.createVat(eq("b1-" + "a".repeat(128)), eq("n1"), any(), any())).willReturn(VatId.of("v7"));
		this.mvc.perform(post("/api/vats").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"bundleId\":\"b1-" + "a".repeat(128) + "\",\"name\":\"n1\",\"parameters\":{\"x\":1}}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.vatId").value("v7"));
	}

	@Test
	void createRefusals() throws Exception {
		this.mvc.perform(post("/api/vats").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"has space\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.bundleId").value("must not be null"))
			.andExpect(jsonPath("$.errors.name").exists());
		given(this.kernel.createVat(anyString(), isNull(), any(), any())).willThrow(new RequestRefusedException(
				"kernel-halted", RequestRefusedException.Kind.CONFLICT, "cannot create a vat while the kernel is halted"));
		this.mvc.perform(post("/api/vats").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"bundleId\":\"b1-" + "a".repeat(128) + "\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/kernel-halted"));
	}

	@Test
	void terminate() throws Exception {
		given(this.queries.vat(VatId.of("v2"))).willReturn(new VatDetail(VatId.of("v2"), "x", VatState.TERMINATED,
				"terminated by operator: bye", TerminationCause.OPERATOR, 5L, true, "b1-x", JsonNodeFactory.instance.objectNode(), Instant.EPOCH,
				new VatDetail.Worker(false, null, null, null), 1, 1, null, 0, 0, 0, 0, false, "config", null, null, 0, List.of()));
		this.mvc.perform(post("/api/vats/v2/terminate").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"bye\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.terminatedByOperator").value(true));
		given(this.kernel.terminateVat(VatId.of("v3"), "again")).willThrow(new RequestRefusedException("vat-terminated",
				RequestRefusedException.Kind.CONFLICT, "vat v3 is already terminated"));
		this.mvc.perform(post("/api/vats/v3/terminate").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"again\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/vat-terminated"));
		this.mvc.perform(post("/api/vats/v3/terminate").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.reason").exists());
	}

	@Test
	void queueMessage() throws Exception {
		given(this.kernel.queueToVatRoot(eq(VatId.of("v1")), eq("increment"), any())).willReturn(KernelRef.of("kp41"));
		this.mvc.perform(post("/api/vats/v1/messages").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"method\":\"increment\",\"args\":[1,\"two\",{\"three\":3}]}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.kpid").value("kp41"));
	}

	@Test
	void queueMessageRefusals() throws Exception {
		this.mvc.perform(post("/api/vats/v1/messages").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"method\":{\"not\":\"a string\"},\"args\":[]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.method").value("must be a string of 1 to 200 characters"));
		this.mvc.perform(post("/api/vats/v1/messages").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"method\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/malformed-request"));
		this.mvc.perform(post("/api/vats/v1/messages").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"method\":\"m\",\"args\":[" + "0,".repeat(100) + "0]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.args").exists());
		this.mvc.perform(post("/api/vats/v1/messages").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"method\":\"m\",\"args\":[\"" + "x".repeat(1_100_000) + "\"]}"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/body-too-large"));
		this.mvc.perform(post("/api/vats/v1/messages").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"method\":\"m\",\"args\":[1, {\"big\": [9007199254740993]}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/invalid-request"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
					"args[1].big[0] is 9007199254740993, outside JavaScript's safe integers")));
		this.mvc.perform(post("/api/vats/v1/messages").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"method\":\"m\",\"args\":[1e400]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("args[0] is not a finite number"));
		verifyNoInteractions(this.kernel);
	}

}
