/** Cranks: routing, c-list translation, syscalls, promises, termination and reaping. */
@NullMarked
package org.vatkernel.kernel.crank;

import org.jspecify.annotations.NullMarked;
