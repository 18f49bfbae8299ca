/** What operators watch: health. */
@NullMarked
package org.vatkernel.ops;

import org.jspecify.annotations.NullMarked;
