/** Records shared by every module: capdata, deliveries, syscalls and their results. */
@NullMarked
package org.vatkernel.model;

import org.jspecify.annotations.NullMarked;
