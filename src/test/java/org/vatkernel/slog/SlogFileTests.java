package org.vatkernel.slog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SlogFileTests {

	@TempDir
	Path dir;

	@Test
	void rotatesBySizeKeepingTheNewestHistory() throws Exception {
		Path path = this.dir.resolve("sub/kernel.slog");
		// Lines of 10 bytes with the newline; 30 bytes per file.
		try (SlogFile file = new SlogFile(path, 30, 2)) {
			for (int i = 0; i < 10; i++) {
				file.write("{\"n\":" + i + "}  ");
			}
			file.flush();
		}
		assertThat(Files.readAllLines(path)).containsExactly("{\"n\":9}  ");
		assertThat(Files.readAllLines(path.resolveSibling("kernel.slog.1"))).containsExactly("{\"n\":6}  ",
				"{\"n\":7}  ", "{\"n\":8}  ");
		assertThat(Files.readAllLines(path.resolveSibling("kernel.slog.2"))).containsExactly("{\"n\":3}  ",
				"{\"n\":4}  ", "{\"n\":5}  ");
		assertThat(path.resolveSibling("kernel.slog.3")).doesNotExist();
	}

	@Test
	void appendsToAnExistingFileAndCountsItsSize() throws Exception {
		Path path = this.dir.resolve("kernel.slog");
		Files.writeString(path, "{\"old\":1}\n".repeat(2));
		try (SlogFile file = new SlogFile(path, 30, 1)) {
			file.write("{\"new\":1}");
			file.write("{\"new\":2}");
		}
		List<String> all = new ArrayList<>(Files.readAllLines(path.resolveSibling("kernel.slog.1")));
		all.addAll(Files.readAllLines(path));
		assertThat(all).containsExactly("{\"old\":1}", "{\"old\":1}", "{\"new\":1}", "{\"new\":2}");
		assertThat(Files.readAllLines(path)).containsExactly("{\"new\":2}");
	}

}
