/** The slog: kernel activity as JSON lines, to a size-rotated file and to registered sinks. */
@NullMarked
package org.vatkernel.slog;

import org.jspecify.annotations.NullMarked;
