/** xsnap worker processes: the pipe protocol, liveslots boot and delivery, and their lifecycle. */
@NullMarked
package org.vatkernel.worker;

import org.jspecify.annotations.NullMarked;
