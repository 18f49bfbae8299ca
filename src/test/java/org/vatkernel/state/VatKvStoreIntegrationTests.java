package org.vatkernel.state;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.model.VatId;
import org.vatkernel.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The vatstore with the Flyway schema on this run's engine (H2, or PostgreSQL in the postgres run). */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ VatKvStore.class, BundleStore.class, VatStore.class, ActivityLog.class, CrankBuffer.class,
		StateConfiguration.class })
class VatKvStoreIntegrationTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Autowired
	VatKvStore store;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void vat(@Autowired BundleStore bundles, @Autowired VatStore vats) {
		bundles.add("b1-x", "{}");
		vats.insert(VatId.of("v1"), "one", "b1-x", "{}");
		vats.insert(VatId.of("v2"), "two", "b1-x", "{}");
	}

	@Test
	void nextKeyIsByteWiseAndStaysInsideTheVat() {
		// In UTF-16 the emoji (a surrogate pair, D83D…) sorts before U+FFFD; in UTF-8 bytes
		// (F0… after EF…) it sorts after, as in SwingSet's SQLite.
		this.store.set(VatId.of("v1"), "a", "1");
		this.store.set(VatId.of("v1"), "\uD83D\uDE00", "emoji");
		this.store.set(VatId.of("v1"), "\uFFFD", "replacement");
		this.store.set(VatId.of("v1"), "z", "2");
		this.store.set(VatId.of("v2"), "b", "other vat");

		assertThat(this.store.nextKey(VatId.of("v1"), "")).hasValue("a");
		assertThat(this.store.nextKey(VatId.of("v1"), "a")).hasValue("z");
		assertThat(this.store.nextKey(VatId.of("v1"), "z")).hasValue("\uFFFD");
		assertThat(this.store.nextKey(VatId.of("v1"), "\uFFFD")).hasValue("\uD83D\uDE00");
		assertThat(this.store.nextKey(VatId.of("v1"), "\uD83D\uDE00")).isEmpty();
		assertThat(this.store.nextKey(VatId.of("v1"), "a\u0000")).hasValue("z");
	}

	@Test
	void setOverwritesAndDeleteRemoves() {
		this.store.set(VatId.of("v1"), "k", "one");
		this.store.set(VatId.of("v1"), "k", "two");
		assertThat(this.store.get(VatId.of("v1"), "k")).hasValue("two");
		this.store.delete(VatId.of("v1"), "k");
		assertThat(this.store.get(VatId.of("v1"), "k")).isEmpty();
		assertThat(this.store.size(VatId.of("v1"))).isZero();
	}

}
