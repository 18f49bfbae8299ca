/** The kernel: cranks, routing, c-list translation, syscalls, promises and vat termination. */
@NullMarked
package org.vatkernel.kernel;

import org.jspecify.annotations.NullMarked;
