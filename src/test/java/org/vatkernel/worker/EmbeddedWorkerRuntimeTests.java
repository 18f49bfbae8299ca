package org.vatkernel.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unpacking the runtime a jar carries, from a small zip of the same layout on a class path of its own. */
class EmbeddedWorkerRuntimeTests {

	@TempDir
	Path dir;

	private ClassLoader jarWith(String shaOverride) throws Exception {
		Path classes = Files.createDirectories(this.dir.resolve("classes"));
		Path zip = classes.resolve(EmbeddedWorkerRuntime.ZIP);
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			for (String file : EmbeddedWorkerRuntime.CHECKED) {
				out.putNextEntry(new ZipEntry(file));
				out.write(("contents of " + file).getBytes(StandardCharsets.UTF_8));
				out.closeEntry();
			}
			out.putNextEntry(new ZipEntry("bundle-vats.mjs"));
			out.write("// bundler".getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		String sha = shaOverride != null ? shaOverride
				: HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip)));
		Files.writeString(classes.resolve(EmbeddedWorkerRuntime.ZIP + ".sha256"), sha + "\n");
		return new URLClassLoader(new URL[] { classes.toUri().toURL() }, null);
	}

	@Test
	void unpacksOnceIntoAVersionedDirectoryAndReusesIt() throws Exception {
		ClassLoader loader = jarWith(null);
		String hash = EmbeddedWorkerRuntime.expectedHash(loader);
		Path cache = this.dir.resolve("cache");
		Path runtime = EmbeddedWorkerRuntime.unpack(loader, hash, cache);

		assertThat(runtime).isEqualTo(cache.resolve("runtime-" + hash.substring(0, 16)));
		assertThat(runtime.resolve("bundle-vats.mjs")).hasContent("// bundler");
		Path binary = runtime.resolve(EmbeddedWorkerRuntime.CHECKED.get(0));
		assertThat(Files.isExecutable(binary)).isTrue();
		assertThat(Files.readString(runtime.resolve(EmbeddedWorkerRuntime.MARKER))).startsWith(hash + "\n");
		try (var entries = Files.list(cache)) {
			assertThat(entries).as("no staging directory left").containsExactly(runtime);
		}

		Files.writeString(runtime.resolve("bundle-vats.mjs"), "// an edit that an intact check does not look at");
		assertThat(EmbeddedWorkerRuntime.unpack(loader, hash, cache)).isEqualTo(runtime);
		assertThat(runtime.resolve("bundle-vats.mjs")).as("reused, not unpacked again")
			.hasContent("// an edit that an intact check does not look at");
	}

	@Test
	void aTamperedBinaryIsUnpackedAgain() throws Exception {
		ClassLoader loader = jarWith(null);
		String hash = EmbeddedWorkerRuntime.expectedHash(loader);
		Path runtime = EmbeddedWorkerRuntime.unpack(loader, hash, this.dir.resolve("cache"));
		Path binary = runtime.resolve(EmbeddedWorkerRuntime.CHECKED.get(0));
		try (OutputStream out = Files.newOutputStream(binary, java.nio.file.StandardOpenOption.APPEND)) {
			out.write(0);
		}

		EmbeddedWorkerRuntime.unpack(loader, hash, this.dir.resolve("cache"));
		assertThat(binary).hasContent("contents of " + EmbeddedWorkerRuntime.CHECKED.get(0));
	}

	@Test
	void aZipThatDoesNotMatchItsHashIsRefusedAndLeavesNothing() throws Exception {
		String wrong = "0".repeat(64);
		ClassLoader loader = jarWith(wrong);
		Path cache = this.dir.resolve("cache");
		assertThatThrownBy(() -> EmbeddedWorkerRuntime.unpack(loader, wrong, cache))
			.isInstanceOf(WorkerRuntimeMissingException.class)
			.hasMessageContaining("damaged jar");
		try (var entries = Files.list(cache)) {
			assertThat(entries).isEmpty();
		}
	}

	@Test
	void aCacheThatCannotBeWrittenNamesTheSetting() throws Exception {
		ClassLoader loader = jarWith(null);
		Path file = Files.writeString(this.dir.resolve("a-file"), "");
		assertThatThrownBy(() -> EmbeddedWorkerRuntime.unpack(loader, EmbeddedWorkerRuntime.expectedHash(loader),
				file.resolve("cache")))
			.isInstanceOf(WorkerRuntimeMissingException.class)
			.hasMessageContaining("kernel.worker.cache-dir")
			.hasMessageContaining("cannot be written");
	}

	@Test
	void withoutAZipOnTheClassPathNothingIsUnpacked() throws IOException {
		ClassLoader empty = new URLClassLoader(new URL[] { Files.createDirectories(this.dir.resolve("empty")).toUri().toURL() },
				null);
		assertThat(EmbeddedWorkerRuntime.expectedHash(empty)).isNull();
	}

}
