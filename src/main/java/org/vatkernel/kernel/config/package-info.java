/** The SwingSet config, kernel options and bringing the kernel up from them. */
@NullMarked
package org.vatkernel.kernel.config;

import org.jspecify.annotations.NullMarked;
