/** Reference counts, GC actions and the refcount audit. */
@NullMarked
package org.vatkernel.kernel.gc;

import org.jspecify.annotations.NullMarked;
