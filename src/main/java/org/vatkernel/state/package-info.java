/** The kernel DB: one JDBC store per table group. Stores never open transactions. */
@NullMarked
@ApplicationModule(allowedDependencies = { "model" })
package org.vatkernel.state;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
