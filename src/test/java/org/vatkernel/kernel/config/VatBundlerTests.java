package org.vatkernel.kernel.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.kernel.config.VatBundler;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.worker.SourceBundler;
import org.vatkernel.worker.TestVats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sourceSpec} bundling is reproducible: the same source files give the same bundle bytes
 * (and so the same bundle id) from any directory, at any time, with other files beside them, and
 * also when two bundlings run at once. Runs the real pinned {@code bundle-source} (through Node).
 */
class VatBundlerTests {

	private final VatBundler bundler = new VatBundler(new SourceBundler(TestVats.properties()));

	@Test
	void sameSourcesInTwoDirectoriesGiveTheSameBundle(@TempDir Path one, @TempDir Path two) throws Exception {
		Path first = Files.createDirectories(one.resolve("node-a/config"));
		Path second = Files.createDirectories(two.resolve("somewhere/else/entirely"));
		for (Path dir : List.of(first, second)) {
			Files.copy(Path.of("src/test/vats/chaos-counter.js"), dir.resolve("chaos-counter.js"));
		}
		// Different times and an unrelated neighbour must not matter either.
		Files.setLastModifiedTime(second.resolve("chaos-counter.js"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
		Files.writeString(second.resolve("config.json"), "{\"vats\":{}}");

		// At the same time: the bundler's staging is shared, so bundlings must take turns.
		CompletableFuture<String> a = CompletableFuture
			.supplyAsync(() -> this.bundler.bundleSource(first.resolve("chaos-counter.js")));
		CompletableFuture<String> b = CompletableFuture
			.supplyAsync(() -> this.bundler.bundleSource(second.resolve("chaos-counter.js")));
		String bundleA = a.get();
		String bundleB = b.get();

		assertThat(bundleA).isEqualTo(bundleB);
		assertThat(VatBundler.bundleId(bundleA)).isEqualTo(VatBundler.bundleId(bundleB)).startsWith("b1-");
		// Nothing of where the sources were enters the archive (paths, directory names).
		String archive = archiveText(bundleA);
		assertThat(archive).contains("./vat-source/chaos-counter.js")
			.doesNotContain(one.toString())
			.doesNotContain(two.toString())
			.doesNotContain("node-a")
			.doesNotContain("entirely")
			.doesNotContain("stage-");
	}

	@Test
	void aChangedSourceGivesAnotherBundle(@TempDir Path dir) throws Exception {
		Path source = dir.resolve("chaos-counter.js");
		Files.copy(Path.of("src/test/vats/chaos-counter.js"), source);
		String before = this.bundler.bundleSource(source);
		Files.writeString(source, Files.readString(source).replace("5000", "5001"));
		assertThat(VatBundler.bundleId(this.bundler.bundleSource(source))).isNotEqualTo(VatBundler.bundleId(before));
	}

	/** Every entry name and the text of every entry of the bundle's zip, concatenated. */
	private static String archiveText(String bundleJson) throws Exception {
		byte[] zip = Base64.getDecoder().decode(VatProtocolJson.parse(bundleJson).path("endoZipBase64").asString());
		StringBuilder text = new StringBuilder();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				text.append(e.getName()).append('\n').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return text.toString();
	}

}
