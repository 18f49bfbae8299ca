package org.vatkernel.api;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vatkernel.kernel.KernelQueries;
import org.vatkernel.kernel.KernelQueries.Bundle;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.RequestRefusedException;

/** Bundles: upload (content-addressed), list, metadata. */
@RestController
@RequestMapping("/api/bundles")
class BundleController {

	private final KernelService kernel;

	private final KernelQueries queries;

	private final ApiProperties properties;

	BundleController(KernelService kernel, KernelQueries queries, ApiProperties properties) {
		this.kernel = kernel;
		this.queries = queries;
		this.properties = properties;
	}

	/**
	 * Installs a bundle as {@code bundle-source} writes it ({@code moduleFormat: endoZipBase64}).
	 * Its id is {@code b1-} and the SHA-512 of its zip, which is checked. 201 the first time, 200
	 * when the same bundle is installed again.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Bundle> upload(@RequestBody String bundleJson) {
		long limit = this.properties.maxBundleSize().toBytes();
		if (bundleJson.length() > limit) {
			throw new RequestRefusedException("body-too-large", RequestRefusedException.Kind.INVALID,
					"the bundle has " + bundleJson.length() + " characters; the limit is " + limit);
		}
		KernelService.BundleInstalled installed = this.kernel.installBundle(bundleJson);
		Bundle info = this.queries.bundle(installed.bundleId());
		return ResponseEntity.status(installed.created() ? HttpStatus.CREATED : HttpStatus.OK).body(info);
	}

	@GetMapping
	Page<Bundle> bundles(
			@RequestParam(defaultValue = "") @Pattern(regexp = "|" + Ids.BUNDLE_ID,
					message = Ids.BUNDLE_ID_MESSAGE) String cursor,
			@RequestParam(defaultValue = Ids.DEFAULT_LIMIT) @Min(1) @Max(Ids.MAX_LIMIT) int limit) {
		return Page.of(this.queries.bundles(cursor, limit), limit, Bundle::bundleId);
	}

	@GetMapping("/{bundleId}")
	Bundle bundle(
			@PathVariable @Pattern(regexp = Ids.BUNDLE_ID, message = Ids.BUNDLE_ID_MESSAGE) String bundleId) {
		return this.queries.bundle(bundleId);
	}

}
