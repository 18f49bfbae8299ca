package org.vatkernel.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vatkernel.kernel.KernelQueries;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.RequestRefusedException;
import org.vatkernel.security.ApiSecurityConfiguration;
import org.vatkernel.security.TestUsers;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Bundle upload, list and metadata, over a mocked kernel and store. */
@WebMvcTest(value = BundleController.class, properties = "kernel.api.max-bundle-size=1KB")
@Import(ApiSecurityConfiguration.class)
class BundleControllerTests {

	private static final String ID = "b1-" + "ab".repeat(64);

	private static final String OPERATOR = TestUsers.OPERATOR.basicAuth();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	KernelService kernel;

	@MockitoBean
	KernelQueries queries;

	@Test
	void uploadThenAgain() throws Exception {
		given(this.queries.bundle(ID)).willReturn(new KernelQueries.Bundle(ID, 17, Instant.EPOCH));
		given(this.kernel.installBundle("{\"bundle\":1}")).willReturn(new KernelService.BundleInstalled(ID, true),
				new KernelService.BundleInstalled(ID, false));
		this.mvc.perform(post("/api/bundles").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"bundle\":1}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.bundleId").value(ID))
			.andExpect(jsonPath("$.size").value(17));
		this.mvc.perform(post("/api/bundles").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"bundle\":1}"))
			.andExpect(status().isOk());
	}

	@Test
	void uploadRefusals() throws Exception {
		given(this.kernel.installBundle(anyString())).willThrow(new RequestRefusedException("invalid-bundle",
				RequestRefusedException.Kind.INVALID, "moduleFormat must be \"endoZipBase64\""));
		this.mvc.perform(post("/api/bundles").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"moduleFormat\":\"nestedEvaluate\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/invalid-bundle"));
		this.mvc.perform(post("/api/bundles").header("Authorization", OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("\"" + "x".repeat(2000) + "\""))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/body-too-large"));
	}

	@Test
	void listAndMetadata() throws Exception {
		given(this.queries.bundles("", 100)).willReturn(List.of(new KernelQueries.Bundle(ID, 17, Instant.EPOCH)));
		this.mvc.perform(get("/api/bundles").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.items[0].bundleId").value(ID))
			.andExpect(jsonPath("$.nextCursor").isEmpty());
		given(this.queries.bundle(ID)).willThrow(new RequestRefusedException("unknown-bundle",
				RequestRefusedException.Kind.NOT_FOUND, "no bundle " + ID));
		this.mvc.perform(get("/api/bundles/" + ID).header("Authorization", OPERATOR))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/unknown-bundle"));
		this.mvc.perform(get("/api/bundles/b1-short").header("Authorization", OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://vatkernel.org/problems/invalid-id"));
	}

}
