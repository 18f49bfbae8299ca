package org.vatkernel.api;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list that can grow: the items and, when there may be more, the cursor to pass
 * as {@code cursor} for the next page (absent on the last page).
 */
record Page<T>(List<T> items, @Nullable String nextCursor) {

	/** From {@code limit + 1} fetched rows: the extra row only says that there is a next page. */
	static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
		if (fetched.size() <= limit) {
			return new Page<>(fetched, null);
		}
		List<T> items = fetched.subList(0, limit);
		return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
	}

	<R> Page<R> map(Function<T, R> mapper) {
		return new Page<>(this.items.stream().map(mapper).toList(), this.nextCursor);
	}

}
