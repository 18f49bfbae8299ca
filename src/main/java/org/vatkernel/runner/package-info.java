/**
 * The one-shot runner for vat developers ({@code java -jar vatkernel.jar run config.json}): a
 * kernel on a fresh in-memory DB, no web server, driven crank by crank until no work is left,
 * with the test log on the terminal and the bootstrap result as the exit code.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "kernel", "state", "model" })
package org.vatkernel.runner;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
