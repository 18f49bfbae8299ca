/** What operators watch: health. */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "worker", "model" })
package org.vatkernel.ops;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
