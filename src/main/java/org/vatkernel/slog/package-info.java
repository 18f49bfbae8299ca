/** The slog: kernel activity as JSON lines, to a size-rotated file and to registered sinks. */
@NullMarked
@ApplicationModule(allowedDependencies = { "model" })
package org.vatkernel.slog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
