package org.vatkernel.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kernel.api}: request size limits. A bundle upload may be up to {@code maxBundleSize};
 * any other request body up to {@code maxBodySize}.
 */
@ConfigurationProperties("kernel.api")
record ApiProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("32MB") DataSize maxBundleSize) {
}
