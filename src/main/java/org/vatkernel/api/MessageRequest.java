package org.vatkernel.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/vats/{vatId}/messages}: a method name and plain JSON arguments. */
record MessageRequest(@NotBlank @Size(max = 200) String method, @NotNull @Size(max = 100) List<JsonNode> args) {
}
