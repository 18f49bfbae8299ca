package org.vatkernel.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/vats/{vatId}/terminate}: why the operator terminates it. */
record TerminateVatRequest(@NotBlank @Size(max = 1000) String reason) {
}
