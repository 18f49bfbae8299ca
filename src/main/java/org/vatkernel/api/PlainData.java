package org.vatkernel.api;

import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vatkernel.kernel.RequestRefusedException;
import tools.jackson.databind.JsonNode;

/**
 * Checks that JSON from a request means the same to a JavaScript vat: numbers must be finite
 * and integers within JavaScript's safe range (±(2^53 − 1)), or the vat would see another
 * value than the one sent. Larger numbers can be sent as strings.
 */
final class PlainData {

	private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

	private PlainData() {
	}

	static void check(@Nullable JsonNode value, String path) {
		String problem = problem(value, path);
		if (problem != null) {
			throw new RequestRefusedException("invalid-request", RequestRefusedException.Kind.INVALID, problem);
		}
	}

	private static @Nullable String problem(@Nullable JsonNode value, String path) {
		if (value == null) {
			return null;
		}
		if (value.isIntegralNumber()) {
			if (!value.canConvertToLong() || Math.abs(value.longValue()) > MAX_SAFE_INTEGER) {
				return path + " is " + value + ", outside JavaScript's safe integers (±9007199254740991); send it as a string";
			}
		}
		else if (value.isNumber()) {
			double d = value.doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				return path + " is not a finite number";
			}
		}
		else if (value.isArray()) {
			int i = 0;
			for (JsonNode element : value) {
				String problem = problem(element, path + "[" + i++ + "]");
				if (problem != null) {
					return problem;
				}
			}
		}
		else if (value.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				String problem = problem(e.getValue(), path + "." + e.getKey());
				if (problem != null) {
					return problem;
				}
			}
		}
		return null;
	}

}
