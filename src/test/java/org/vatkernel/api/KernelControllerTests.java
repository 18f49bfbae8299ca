package org.vatkernel.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vatkernel.kernel.HaltReason;
import org.vatkernel.kernel.KernelHaltedException;
import org.vatkernel.kernel.KernelOptions;
import org.vatkernel.kernel.KernelQueries;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.KernelState;
import org.vatkernel.kernel.KernelStatus;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.security.ApiSecurityConfiguration;
import org.vatkernel.security.TestUsers;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Kernel status and control, queues and the test log, over a mocked kernel. */
@WebMvcTest(KernelController.class)
@Import(ApiSecurityConfiguration.class)
class KernelControllerTests {

	private static final String OPERATOR = TestUsers.OPERATOR.basicAuth();

	private static final HaltReason HALT = new HaltReason("worker of vat v3 died: signal 9", VatId.of("v3"), null, 9, 17,
			Instant.parse("2026-11-28T12:00:00Z"), "xsnap: killed");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	KernelService kernel;

	@MockitoBean
	KernelQueries queries;

	@Test
	void statusWhileHalted() throws Exception {
		given(this.kernel.status())
			.willReturn(new KernelStatus(KernelState.HALTED, 17, "ab12", 17, 0, 1, 0, 2, 50, 25, 31, 60, 3, HALT, "kp40", null, KernelOptions.DEFAULTS));
		this.mvc.perform(get("/api/kernel").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("HALTED"))
			.andExpect(jsonPath("$.crankNumber").value(17))
			.andExpect(jsonPath("$.activityHash").value("ab12"))
			.andExpect(jsonPath("$.options.snapshotInterval").value(200))
			.andExpect(jsonPath("$.options.defaultReapInterval").value(1000))
			.andExpect(jsonPath("$.activityHashCrankNumber").value(17))
			.andExpect(jsonPath("$.runQueueLength").value(1))
			.andExpect(jsonPath("$.workersOnline").value(2))
			.andExpect(jsonPath("$.kernelObjects").value(25))
			.andExpect(jsonPath("$.kernelPromises").value(31))
			.andExpect(jsonPath("$.clistEntries").value(60))
			.andExpect(jsonPath("$.pendingGcActions").value(3))
			.andExpect(jsonPath("$.haltReason.vatId").value("v3"))
			.andExpect(jsonPath("$.haltReason.signal").value(9))
			.andExpect(jsonPath("$.haltReason.crankNumber").value(17))
			.andExpect(jsonPath("$.haltReason.time").value("2026-11-28T12:00:00Z"));
	}

	@Test
	void stateHash() throws Exception {
		given(this.kernel.stateHash()).willReturn("cafe");
		this.mvc.perform(get("/api/kernel/state-hash").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.stateHash").value("cafe"));
	}

	@Test
	void pauseResumeStep() throws Exception {
		given(this.kernel.status())
			.willReturn(new KernelStatus(KernelState.RUNNING, 3, "ab", 3, 0, 0, 0, 1, 50, 0, 0, 0, 0, null, null, null, KernelOptions.DEFAULTS));
		this.mvc.perform(post("/api/kernel/pause").header("Authorization", OPERATOR)).andExpect(status().isOk());
		verify(this.kernel).pause();
		this.mvc.perform(post("/api/kernel/resume").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("RUNNING"));
		verify(this.kernel).resume();
		given(this.kernel.step()).willReturn(true);
		this.mvc.perform(post("/api/kernel/step").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.didWork").value(true))
			.andExpect(jsonPath("$.kernel.crankNumber").value(3));
	}

	@Test
	void reapSchedulesEveryRunningVat() throws Exception {
		given(this.kernel.reapAllVats()).willReturn(List.of(VatId.of("v1"), VatId.of("v3")));
		this.mvc.perform(post("/api/kernel/reap").header("Authorization", OPERATOR))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.scheduled[1]").value("v3"));
		this.mvc.perform(post("/api/kernel/reap").header("Authorization", TestUsers.VIEWER.basicAuth()))
			.andExpect(status().isForbidden());
	}

	@Test
	void timerPollTakesATimeThatDoesNotGoBack() throws Exception {
		given(this.kernel.pollTimer(java.math.BigInteger.valueOf(30)))
			.willReturn(new KernelService.TimerPoll(java.math.BigInteger.valueOf(30), true));
		this.mvc.perform(post("/api/kernel/timer/poll").header("Authorization", OPERATOR)
			.contentType("application/json")
			.content("{\"time\": 30}")).andExpect(status().isOk()).andExpect(jsonPath("$.woke").value(true));
		this.mvc.perform(post("/api/kernel/timer/poll").header("Authorization", OPERATOR)
			.contentType("application/json")
			.content("{\"time\": -1}")).andExpect(status().isBadRequest());
		this.mvc.perform(post("/api/kernel/timer/poll").header("Authorization", OPERATOR)
			.contentType("application/json")
			.content("{}")).andExpect(status().isBadRequest());
		given(this.kernel.pollTimer(java.math.BigInteger.valueOf(5)))
			.willThrow(new org.vatkernel.kernel.RequestRefusedException("timer-backwards",
					org.vatkernel.kernel.RequestRefusedException.Kind.CONFLICT, "Time is monotonic. 5 cannot be less than 30"));
		this.mvc.perform(post("/api/kernel/timer/poll").header("Authorization", OPERATOR)
			.contentType("application/json")
			.content("{\"time\": 5}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/timer-backwards"))
			.andExpect(jsonPath("$.detail").value("Time is monotonic. 5 cannot be less than 30"));
		this.mvc.perform(post("/api/kernel/timer/poll").header("Authorization", TestUsers.VIEWER.basicAuth())
			.contentType("application/json")
			.content("{\"time\": 40}")).andExpect(status().isForbidden());
	}

	@Test
	void stepWhileHalted() throws Exception {
		given(this.kernel.step()).willThrow(new KernelHaltedException(HALT));
		this.mvc.perform(post("/api/kernel/step").header("Authorization", OPERATOR))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/kernel-halted"));
	}

	@Test
	void runQueueIsPagedAndDecoded() throws Exception {
		given(this.queries.queue(QueueName.RUN, 0, 1)).willReturn(List.of(
				new KernelQueries.QueueItem(5, VatProtocolJson.parse("{\"type\":\"notify\",\"vatID\":\"v1\",\"kpid\":\"kp40\"}")),
				new KernelQueries.QueueItem(6, VatProtocolJson.parse("{\"type\":\"notify\",\"vatID\":\"v2\",\"kpid\":\"kp40\"}"))));
		this.mvc.perform(get("/api/run-queue?limit=1").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].event.type").value("notify"))
			.andExpect(jsonPath("$.nextCursor").value("5"));
		this.mvc.perform(get("/api/run-queue?queue=nope").header("Authorization", OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.queue").value("must be run, acceptance or reap"));
	}

	@Test
	void testLog() throws Exception {
		given(this.kernel.testLog()).willReturn(List.of("a", "b"));
		this.mvc.perform(get("/api/test-log").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$[1]").value("b"));
	}

}
