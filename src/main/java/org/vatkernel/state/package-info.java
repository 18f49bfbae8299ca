/** The kernel DB: one JDBC store per table group. Stores never open transactions. */
@NullMarked
package org.vatkernel.state;

import org.jspecify.annotations.NullMarked;
