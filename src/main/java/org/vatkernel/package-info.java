/** The vatkernel application: a SwingSet-style kernel host whose vats run in xsnap workers. */
@NullMarked
package org.vatkernel;

import org.jspecify.annotations.NullMarked;
