/** Records shared by every module: capdata, deliveries, syscalls and their results. */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.vatkernel.model;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
