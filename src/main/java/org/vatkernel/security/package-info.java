/** Access control: HTTP Basic users with the roles viewer (reads) and operator (actions). */
@NullMarked
package org.vatkernel.security;

import org.jspecify.annotations.NullMarked;
