/** Access control: HTTP Basic users with the roles viewer (reads) and operator (actions). */
@NullMarked
@ApplicationModule(allowedDependencies = { "model" })
package org.vatkernel.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
