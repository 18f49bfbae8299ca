/**
 * The operator console in the browser ({@code /console}): server-side pages over the same
 * queries the REST API answers from, and a little plain JavaScript that keeps them live and sends
 * the operator's actions to the REST API itself, so that its validation and problem details are
 * the console's too.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "model" })
package org.vatkernel.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
