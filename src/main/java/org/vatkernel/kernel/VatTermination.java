package org.vatkernel.kernel;

/** A vat's termination: its kind, and the reason text its record and rejected promises carry. */
public record VatTermination(TerminationCause cause, String reason) {
}
