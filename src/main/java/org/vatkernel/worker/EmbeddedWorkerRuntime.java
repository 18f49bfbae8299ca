package org.vatkernel.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The worker runtime the packaged jar carries ({@code worker-runtime.zip} and its SHA-256, see
 * the pom), unpacked at start into {@code <cache>/runtime-<hash>} so that {@code java -jar} runs
 * from any directory. It runs only when nobody set {@code kernel.worker.runtime-dir} (a checkout's
 * {@code target/worker-runtime} for development and tests, or an operator's own) and the class
 * path has the zip. The zip is checked against its hash while it is unpacked (into a temporary
 * directory, moved into place whole, so a killed start leaves nothing half-written that a later
 * one would use); at every later start the files a worker loads (the binary and the bundles) are
 * checked against the hashes recorded then, and a mismatch unpacks again.
 */
public class EmbeddedWorkerRuntime implements EnvironmentPostProcessor {

	static final String ZIP = "worker-runtime.zip";

	static final String RUNTIME_DIR = "kernel.worker.runtime-dir";

	static final String CACHE_DIR = "kernel.worker.cache-dir";

	/** Written last into an unpacked runtime: the zip's hash, then each checked file's. */
	static final String MARKER = ".vatkernel-runtime";

	/** What a worker loads; checked at every start (a few MB, unlike the bundler's libraries). */
	static final List<String> CHECKED = List.of(
			"node_modules/@agoric/xsnap/xsnap-native/xsnap/build/bin/lin/release/xsnap-worker",
			"node_modules/@agoric/xsnap-lockdown/dist/lockdown.bundle",
			"node_modules/@agoric/swingset-xsnap-supervisor/dist/supervisor.bundle",
			"kernel-bundles/vat-admin.bundle", "kernel-bundles/vat-timer.bundle");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty(RUNTIME_DIR)) {
			return;
		}
		ClassLoader loader = EmbeddedWorkerRuntime.class.getClassLoader();
		String hash = expectedHash(loader);
		if (hash == null) {
			return; // not a packaged jar: the default (target/worker-runtime) stands
		}
		String configured = environment.getProperty(CACHE_DIR);
		Path cache = configured != null ? Path.of(configured) : defaultCache();
		Path dir = unpack(loader, hash, cache);
		environment.getPropertySources()
			.addLast(new MapPropertySource("vatkernelEmbeddedWorkerRuntime", Map.of(RUNTIME_DIR, dir.toString())));
	}

	/** {@code $XDG_CACHE_HOME/vatkernel}, else {@code ~/.cache/vatkernel}. */
	static Path defaultCache() {
		String xdg = System.getenv("XDG_CACHE_HOME");
		Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
		return base.resolve("vatkernel");
	}

	static @Nullable String expectedHash(ClassLoader loader) {
		try (InputStream in = loader.getResourceAsStream(ZIP + ".sha256")) {
			if (in == null || loader.getResource(ZIP) == null) {
				return null;
			}
			String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
			return text.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The unpacked runtime for {@code hash} under {@code cache}: reused when intact, else unpacked. */
	static Path unpack(ClassLoader loader, String hash, Path cache) {
		Path dir = cache.resolve("runtime-" + hash.substring(0, 16));
		if (intact(dir, hash)) {
			return dir;
		}
		Path staging;
		try {
			Files.createDirectories(cache);
			staging = Files.createTempDirectory(cache, "unpacking-");
		}
		catch (IOException ex) {
			throw new WorkerRuntimeMissingException(CACHE_DIR, cache,
					"cannot be written to unpack the jar's worker runtime (" + ex.getMessage() + ")");
		}
		try {
			String actual = extract(loader, staging);
			if (!actual.equals(hash)) {
				throw new WorkerRuntimeMissingException(RUNTIME_DIR, staging,
						"was unpacked from a damaged jar (SHA-256 " + actual + ", expected " + hash + ")");
			}
			staging.resolve(CHECKED.get(0)).toFile().setExecutable(true);
			Files.writeString(staging.resolve(MARKER), marker(staging, hash));
			deleteTree(dir); // a damaged copy, if any
			try {
				Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException ex) {
				// another start got there first with the same content
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(staging, dir);
			}
			return dir;
		}
		catch (IOException ex) {
			throw new WorkerRuntimeMissingException(CACHE_DIR, cache,
					"cannot be written to unpack the jar's worker runtime (" + ex.getMessage() + ")");
		}
		finally {
			deleteTree(staging);
		}
	}

	private static String extract(ClassLoader loader, Path into) throws IOException {
		MessageDigest sha256 = sha256();
		try (InputStream raw = loader.getResourceAsStream(ZIP);
				DigestInputStream digest = new DigestInputStream(raw, sha256);
				ZipInputStream zip = new ZipInputStream(digest)) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				Path target = into.resolve(entry.getName()).normalize();
				if (!target.startsWith(into)) {
					throw new IOException("zip entry outside the runtime: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			digest.transferTo(java.io.OutputStream.nullOutputStream()); // the zip's central directory
		}
		return HexFormat.of().formatHex(sha256.digest());
	}

	private static boolean intact(Path dir, String hash) {
		Path marker = dir.resolve(MARKER);
		if (!Files.isRegularFile(marker)) {
			return false;
		}
		try {
			return Files.readString(marker).equals(marker(dir, hash)) && Files.isExecutable(dir.resolve(CHECKED.get(0)));
		}
		catch (IOException | UncheckedIOException ex) {
			return false;
		}
	}

	private static String marker(Path dir, String hash) throws IOException {
		StringBuilder text = new StringBuilder(hash).append('\n');
		for (String file : CHECKED) {
			Path path = dir.resolve(file);
			if (!Files.isRegularFile(path)) {
				throw new UncheckedIOException(new IOException(file + " missing"));
			}
			MessageDigest sha256 = sha256();
			try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha256)) {
				in.transferTo(java.io.OutputStream.nullOutputStream());
			}
			text.append(HexFormat.of().formatHex(sha256.digest())).append("  ").append(file).append('\n');
		}
		return text.toString();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// best effort: a leftover staging directory is only disk space
		}
	}

}
