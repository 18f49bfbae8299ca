package org.vatkernel.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A heap snapshot of what every fresh boot does before it knows its vat: lockdown and the
 * supervisor evaluated (≈ 340 ms of the worker's CPU here). Made once per node, on first use, by
 * a worker of its own that is then quit; every later boot restores it (≈ 30 ms) and continues
 * with {@code setBundle}. A vat booted so has, after {@code startVat} and its messages, a heap
 * byte-identical to one booted by evaluating everything ({@code SpareWorkersIntegrationTests}
 * compares the snapshots' hashes), just as SwingSet's workers restarted from a snapshot match
 * the ones that were not. The file is this node's cache: a temporary file named after this
 * process, deleted on close; files left by processes that are gone (a SIGKILL) are deleted when
 * the next one is made.
 */
final class BootSnapshot implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BootSnapshot.class);

	private static final String PREFIX = "vatkernel-boot-";


	private final WorkerRuntime runtime;

	private final WorkerProperties properties;

	private final ScheduledExecutorService watchdog;

	private @Nullable Path file;

	private boolean closed;

	BootSnapshot(WorkerRuntime runtime, WorkerProperties properties, ScheduledExecutorService watchdog) {
		this.runtime = runtime;
		this.properties = properties;
		this.watchdog = watchdog;
	}

	/**
	 * The snapshot, made now if it was not yet.
	 * @throws WorkerFailedException if the worker making it failed (as a boot would have)
	 */
	synchronized Path file() {
		if (this.closed) {
			throw new IllegalStateException("the worker manager is shut down");
		}
		if (this.file == null) {
			this.file = make();
		}
		return this.file;
	}

	private Path make() {
		long started = System.nanoTime();
		Path target;
		try {
			target = Files.createTempFile(PREFIX + ProcessHandle.current().pid() + "-", ".xss");
			deleteLeftovers(target.getParent());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot create the boot snapshot file: " + ex.getMessage(), ex);
		}
		XsnapWorker xsnap = XsnapWorker.spawn(this.runtime.xsnap(), "vatkernel-boot", 0, null,
				this.properties.maxFrameBytes(), this.properties.stderrTailLines(), this.watchdog,
				this.properties.deliveryTimeout());
		try {
			VatWorker.prepare(xsnap, this.runtime);
			xsnap.writeSnapshot(target);
			xsnap.close(this.properties.shutdownGrace());
		}
		catch (RuntimeException ex) {
			xsnap.kill();
			xsnap.close(Duration.ZERO);
			deleteQuietly(target);
			throw ex;
		}
		log.info("boot snapshot (lockdown and supervisor) made in {} ms: {}", (System.nanoTime() - started) / 1_000_000,
				target);
		return target;
	}

	/** Boot snapshots of processes that died without closing theirs. */
	private static void deleteLeftovers(Path dir) {
		try (var files = Files.list(dir)) {
			files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).forEach(f -> {
				String pid = f.getFileName().toString().substring(PREFIX.length()).replaceAll("-.*", "");
				if (pid.matches("[0-9]+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
					deleteQuietly(f);
				}
			});
		}
		catch (IOException ex) {
			log.debug("could not list {}: {}", dir, ex.getMessage());
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.file != null) {
			deleteQuietly(this.file);
			this.file = null;
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.debug("could not delete {}: {}", file, ex.getMessage());
		}
	}

}
