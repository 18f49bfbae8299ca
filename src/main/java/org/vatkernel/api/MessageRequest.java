package org.vatkernel.api;

import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/vats/{vatId}/messages}: a method name and plain JSON arguments. The method is
 * read as any JSON value so that a number or an object is refused rather than coerced.
 */
record MessageRequest(@NotNull JsonNode method, @NotNull @Size(max = 100) List<JsonNode> args) {

	@AssertTrue(message = "must be a string of 1 to 200 characters")
	boolean isMethod() {
		return this.method != null && this.method.isString() && !this.method.stringValue().isBlank()
				&& this.method.stringValue().length() <= 200;
	}

}
