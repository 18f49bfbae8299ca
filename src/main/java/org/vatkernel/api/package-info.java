/** The admin REST API: JSON in and out, errors as RFC 9457 problem details. */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "model" })
package org.vatkernel.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
