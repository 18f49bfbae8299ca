/** xsnap worker processes: the pipe protocol, liveslots boot and delivery, and their lifecycle. */
@NullMarked
@ApplicationModule(allowedDependencies = { "model" })
package org.vatkernel.worker;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
