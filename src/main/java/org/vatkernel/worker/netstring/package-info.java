/** Netstring framing for the xsnap pipe protocol. */
@NullMarked
package org.vatkernel.worker.netstring;

import org.jspecify.annotations.NullMarked;
