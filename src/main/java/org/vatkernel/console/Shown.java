package org.vatkernel.console;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;

/**
 * What a page shows of a list fetched one row beyond its size (as the queries return them): the
 * items, and the cursor of the next page when the extra row says there is one.
 */
record Shown<T>(List<T> items, @Nullable String next) {

	static <T> Shown<T> of(List<T> fetched, int limit, Function<T, ?> cursorOf) {
		if (fetched.size() <= limit) {
			return new Shown<>(fetched, null);
		}
		List<T> items = fetched.subList(0, limit);
		return new Shown<>(items, String.valueOf(cursorOf.apply(items.get(limit - 1))));
	}

	/** Puts the items and the next cursor into the page's model under the names its template uses. */
	void into(Model model, String itemsName, String nextName) {
		model.addAttribute(itemsName, this.items);
		model.addAttribute(nextName, this.next);
	}

}
