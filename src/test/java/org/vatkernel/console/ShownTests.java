package org.vatkernel.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A page of a list fetched one row beyond its size: the extra row only says there is a next page. */
class ShownTests {

	@Test
	void theExtraRowGivesTheNextCursorAndIsNotShown() {
		Shown<Integer> shown = Shown.of(List.of(1, 2, 3), 2, n -> n * 10);
		assertThat(shown.items()).containsExactly(1, 2);
		assertThat(shown.next()).isEqualTo("20");
	}

	@Test
	void aLastPageHasNoNextCursor() {
		Shown<Integer> shown = Shown.of(List.of(1, 2), 2, n -> n * 10);
		assertThat(shown.items()).containsExactly(1, 2);
		assertThat(shown.next()).isNull();
	}

}
