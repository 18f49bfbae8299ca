/** The vat warehouse: which vats have a live worker, and bringing a vat online by replay. */
@NullMarked
@ApplicationModule(allowedDependencies = { "worker", "state", "slog", "model" })
package org.vatkernel.vat;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
