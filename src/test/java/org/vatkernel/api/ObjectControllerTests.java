package org.vatkernel.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vatkernel.kernel.KernelQueries.KernelObject;
import org.vatkernel.kernel.KernelQueries;
import org.vatkernel.kernel.PromiseView;
import org.vatkernel.kernel.RequestRefusedException;
import org.vatkernel.kernel.UnknownPromiseException;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.ResolutionPolicy;
import org.vatkernel.model.VatId;
import org.vatkernel.security.ApiSecurityConfiguration;
import org.vatkernel.security.TestUsers;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Kernel objects and promises by id, over a mocked kernel. */
@WebMvcTest(ObjectController.class)
@Import(ApiSecurityConfiguration.class)
class ObjectControllerTests {

	private static final String VIEWER = TestUsers.VIEWER.basicAuth();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	KernelQueries queries;

	@Test
	void object() throws Exception {
		given(this.queries.object(KernelRef.of("ko21"))).willReturn(new KernelObject(KernelRef.of("ko21"), VatId.of("v2"), 1, 1, true));
		this.mvc.perform(get("/api/objects/ko21").header("Authorization", VIEWER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ownerVatId").value("v2"))
			.andExpect(jsonPath("$.reachableCount").value(1))
			.andExpect(jsonPath("$.pinned").value(true));
		given(this.queries.object(KernelRef.of("ko99"))).willThrow(
				new RequestRefusedException("unknown-object", RequestRefusedException.Kind.NOT_FOUND, "no kernel object ko99"));
		this.mvc.perform(get("/api/objects/ko99").header("Authorization", VIEWER))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/unknown-object"));
		this.mvc.perform(get("/api/objects/kp40").header("Authorization", VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/invalid-id"));
	}

	@Test
	void promise() throws Exception {
		given(this.queries.promise(KernelRef.of("kp41"))).willReturn(new PromiseView(KernelRef.of("kp41"), PromiseState.REJECTED, null, ResolutionPolicy.IGNORE, 0, List.of(VatId.of("v1")),
				0, new CapData("#{\"#error\":\"vat terminated\",\"name\":\"Error\"}", List.of()), null, "vat terminated"));
		this.mvc.perform(get("/api/promises/kp41").header("Authorization", VIEWER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("rejected"))
			.andExpect(jsonPath("$.subscribers[0]").value("v1"))
			.andExpect(jsonPath("$.errorMessage").value("vat terminated"));
		given(this.queries.promise(KernelRef.of("kp9"))).willThrow(new UnknownPromiseException(KernelRef.of("kp9")));
		this.mvc.perform(get("/api/promises/kp9").header("Authorization", VIEWER))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/unknown-promise"));
		this.mvc.perform(get("/api/promises/ko12").header("Authorization", VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.kpid").value("must be a kernel promise id such as kp40"));
	}

}
