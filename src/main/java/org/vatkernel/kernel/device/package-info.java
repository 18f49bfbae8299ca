/**
 * The kernel's built-in devices (SwingSet's {@code devices/}), in Java: the {@code vatAdmin}
 * device behind SwingSet's own vatAdmin vat, and the {@code timer} device. A vat calls a device
 * node with the synchronous {@code callNow} syscall; a device acts on the kernel through
 * {@link org.vatkernel.kernel.device.KernelHooks} and keeps its state in the kernel DB, inside the
 * crank's transaction.
 */
@NullMarked
package org.vatkernel.kernel.device;

import org.jspecify.annotations.NullMarked;
