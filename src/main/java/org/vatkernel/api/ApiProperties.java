package org.vatkernel.api;

import jakarta.validation.constraints.NotNull;
import org.springframework.validation.annotation.Validated;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kernel.api}: request size limits. A bundle upload may be up to {@code maxBundleSize};
 * any other request body up to {@code maxBodySize}.
 */
@Validated
@ConfigurationProperties("kernel.api")
record ApiProperties(@NotNull @DefaultValue("1MB") DataSize maxBodySize,
		@NotNull @DefaultValue("32MB") DataSize maxBundleSize) {

	ApiProperties {
		// A limit of 0 would refuse every request body, which no operator means.
		if (maxBodySize != null && maxBodySize.toBytes() <= 0) {
			throw new IllegalArgumentException("kernel.api.max-body-size must be positive, not " + maxBodySize);
		}
		if (maxBundleSize != null && maxBundleSize.toBytes() <= 0) {
			throw new IllegalArgumentException("kernel.api.max-bundle-size must be positive, not " + maxBundleSize);
		}
	}

}
