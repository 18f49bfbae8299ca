package org.vatkernel.kernel;

import org.jspecify.annotations.Nullable;

/**
 * The restart valve of {@code kernel.on-worker-death=restart}: how many automatic resumes ran in a
 * row without a crank committing, of how many allowed, and the last worker death's cause. Once
 * {@code exhausted}, the kernel stays halted until an operator resumes it, which opens the valve
 * again.
 * @param attemptsInARow automatic resumes since the last committed crank (or operator resume)
 * @param maxAttempts {@code kernel.restart-attempts}
 * @param exhausted whether the valve closed: the last death found no attempt left
 * @param lastCause the last worker death: {@code signal-9}, {@code exit-1}, {@code timeout}, …
 */
public record AutomaticRestarts(int attemptsInARow, int maxAttempts, boolean exhausted, @Nullable String lastCause) {
}
