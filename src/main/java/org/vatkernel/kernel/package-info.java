/** The kernel: cranks, routing, c-list translation, syscalls, promises and vat termination. */
@NullMarked
@ApplicationModule(allowedDependencies = { "vat", "state", "worker", "slog", "model" })
package org.vatkernel.kernel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
