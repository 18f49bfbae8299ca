/** The vat warehouse: which vats have a live worker, and bringing a vat online by replay. */
@NullMarked
package org.vatkernel.vat;

import org.jspecify.annotations.NullMarked;
