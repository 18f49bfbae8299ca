package org.vatkernel.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vatkernel.model.MeterUsage;
import org.vatkernel.worker.netstring.NetstringException;
import org.vatkernel.worker.netstring.NetstringReader;
import org.vatkernel.worker.netstring.NetstringWriter;

/**
 * One {@code xsnap-worker} process and its pipe protocol: netstring commands on the worker's
 * fd 3, replies and uplink requests on its fd 4. Knows nothing of vats or liveslots.
 *
 * Every way a command can fail ends the same way: the process is made to be gone (killed if it
 * is not already), and a {@link WorkerFailedException} carries what was seen and how it ended.
 * A worker that failed once is never used again.
 */
public final class XsnapWorker implements AutoCloseable {

	/** Lifecycle of the process as the host sees it. */
	public enum State {

		READY, BUSY, DEAD, CLOSED

	}

	/** Answers the worker's {@code ?} uplink requests while a command is in flight. */
	@FunctionalInterface
	public interface UplinkHandler {

		byte[] handle(byte[] request);

	}

	/** A successful reply: the meter reading (absent for {@code R}) and the body. */
	public record Reply(@Nullable MeterUsage meterUsage, byte[] body) {

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private static final Logger log = LoggerFactory.getLogger(XsnapWorker.class);

	/** The shim that moves Java's stdin/stdout pipes onto fds 3 and 4, where xsnap talks. */
	private static final String FD_SHIM = "exec \"$0\" \"$@\" 3<&0 4>&1 1>&2 </dev/null";

	private volatile String name;

	private final Process process;

	private final NetstringReader reader;

	private final NetstringWriter writer;

	private final StderrDrain stderr;

	private final ScheduledExecutorService watchdog;

	private final Duration commandTimeout;

	private final Instant startedAt;

	private volatile State state = State.READY;

	private volatile boolean killedByHost;

	private volatile boolean timedOut;

	private XsnapWorker(String name, Process process, int maxFrameBytes, int stderrTailLines,
			ScheduledExecutorService watchdog, Duration commandTimeout) {
		this.name = name;
		this.process = process;
		this.reader = new NetstringReader(new BufferedInputStream(process.getInputStream()), maxFrameBytes);
		this.writer = new NetstringWriter(new BufferedOutputStream(process.getOutputStream()));
		this.stderr = StderrDrain.start(name, process.getErrorStream(), stderrTailLines);
		this.watchdog = watchdog;
		this.commandTimeout = commandTimeout;
		this.startedAt = Instant.now();
	}

	/**
	 * Spawns a worker. {@code name} shows in {@code ps} (SwingSet passes {@code vatID:vatName});
	 * {@code computeLimit} 0 means unmetered; {@code snapshot} starts from a heap snapshot.
	 */
	/**
	 * Names a spare worker after the vat that takes it, in logs and messages ({@code ps} keeps
	 * the name it was spawned with).
	 */
	void rename(String name) {
		this.name = name;
		this.stderr.rename(name);
	}

	public static XsnapWorker spawn(Path binary, String name, long computeLimit, @Nullable Path snapshot,

			int maxFrameBytes, int stderrTailLines, ScheduledExecutorService watchdog, Duration commandTimeout) {
		if (name.startsWith("-")) {
			throw new IllegalArgumentException("worker name must not start with '-': " + name);
		}
		List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", FD_SHIM, binary.toString(), name));
		if (computeLimit > 0) {
			command.add("-l");
			command.add(Long.toString(computeLimit));
		}
		if (snapshot != null) {
			command.add("-r");
			command.add(snapshot.toString());
		}
		try {
			Process process = new ProcessBuilder(command).start();
			log.debug("started xsnap-worker {} as pid {}", name, process.pid());
			return new XsnapWorker(name, process, maxFrameBytes, stderrTailLines, watchdog, commandTimeout);
		}
		catch (IOException ex) {
			throw new WorkerFailedException(WorkerFailure.PIPE_CLOSED, "could not start " + binary + ": " + ex.getMessage(),
					ExitStatus.RUNNING, "", ex);
		}
	}

	/** {@code R}: waits until the worker is ready (after loading a snapshot). */
	public Reply ready() {
		return command((byte) 'R', new byte[0], null);
	}

	/** {@code e}: evaluates JavaScript source and runs the job queue until idle. */
	public Reply evaluate(String source) {
		return command((byte) 'e', source.getBytes(StandardCharsets.UTF_8), null);
	}

	/** {@code ?}: calls the worker's {@code handleCommand}, answering its uplinks meanwhile. */
	public Reply issueCommand(byte[] payload, UplinkHandler uplinks) {
		return command((byte) '?', payload, uplinks);
	}

	/** {@code w}: writes a heap snapshot to {@code file}; returns the size the worker reports. */
	public long writeSnapshot(Path file) {
		Reply reply = command((byte) 'w', file.toString().getBytes(StandardCharsets.UTF_8), null);
		String size = reply.bodyText().trim();
		try {
			return Long.parseLong(size);
		}
		catch (NumberFormatException ex) {
			throw fail(WorkerFailure.MALFORMED_REPLY, "snapshot reply has no size: \"" + size + "\"", null);
		}
	}

	private synchronized Reply command(byte tag, byte[] payload, @Nullable UplinkHandler uplinks) {
		if (this.state == State.DEAD) {
			throw fail(WorkerFailure.PIPE_CLOSED, "worker is no longer running", null);
		}
		if (this.state != State.READY) {
			throw new IllegalStateException("worker " + this.name + " is " + this.state + ", not READY");
		}
		this.state = State.BUSY;
		ScheduledFuture<?> alarm = armWatchdog();
		try {
			send(tag, payload);
			while (true) {
				byte[] frame = receive();
				if (frame.length == 0) {
					throw fail(WorkerFailure.MALFORMED_FRAME, "worker sent an empty frame", null);
				}
				byte kind = frame[0];
				if (kind == '?' && uplinks != null) {
					byte[] answer;
					try {
						answer = uplinks.handle(slice(frame, 1, frame.length));
					}
					catch (RuntimeException ex) {
						// The worker is blocked waiting for this answer and its heap is mid-delivery:
						// it cannot be used again, whatever went wrong on our side.
						killQuietly();
						if (ex instanceof WorkerFailedException failed) {
							throw withStatus(failed);
						}
						throw ex;
					}
					send((byte) '/', answer);
				}
				else if (kind == '.') {
					this.state = State.READY;
					return parseSuccess(frame);
				}
				else if (kind == '!') {
					throw fail(WorkerFailure.ERROR_REPLY,
							"worker replied with an error: " + new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8),
							null);
				}
				else {
					throw fail(WorkerFailure.MALFORMED_FRAME,
							"worker reply has unknown tag " + describeByte(kind), null);
				}
			}
		}
		finally {
			if (alarm != null) {
				alarm.cancel(false);
			}
		}
	}

	private void send(byte tag, byte[] payload) {
		try {
			this.writer.write(tag, payload);
		}
		catch (IOException ex) {
			throw fail(WorkerFailure.PIPE_CLOSED, "writing to the worker failed: " + ex.getMessage(), ex);
		}
	}

	private byte[] receive() {
		try {
			return this.reader.read();
		}
		catch (NetstringException ex) {
			throw fail(WorkerFailure.MALFORMED_FRAME, "worker sent a malformed frame: " + ex.getMessage(), ex);
		}
		catch (EOFException ex) {
			throw fail(WorkerFailure.PIPE_CLOSED, "worker closed its reply pipe", ex);
		}
		catch (IOException ex) {
			throw fail(WorkerFailure.PIPE_CLOSED, "reading from the worker failed: " + ex.getMessage(), ex);
		}
	}

	private Reply parseSuccess(byte[] frame) {
		int separator = -1;
		for (int i = 1; i < frame.length; i++) {
			if (frame[i] == 0x01) {
				separator = i;
				break;
			}
		}
		if (separator < 0) {
			// `R` answers a bare `.`; nothing else does.
			return new Reply(null, slice(frame, 1, frame.length));
		}
		MeterUsage meter = MeterJson.parse(new String(frame, 1, separator - 1, StandardCharsets.UTF_8));
		if (meter == null) {
			throw fail(WorkerFailure.MALFORMED_REPLY, "worker reply has unreadable meter data", null);
		}
		return new Reply(meter, slice(frame, separator + 1, frame.length));
	}

	private @Nullable ScheduledFuture<?> armWatchdog() {
		if (this.commandTimeout.isZero() || this.commandTimeout.isNegative()) {
			return null;
		}
		return this.watchdog.schedule(() -> {
			this.timedOut = true;
			log.warn("worker {} ran past the {} command timeout; killing it", this.name, this.commandTimeout);
			this.process.destroyForcibly();
		}, this.commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Ends the process (waiting for it to exit by itself first, since a metering fault shows up
	 * as EOF just before the exit code) and builds the failure with the final status.
	 */
	WorkerFailedException fail(WorkerFailure seen, String detail, @Nullable Throwable cause) {
		WorkerFailure failure = this.timedOut ? WorkerFailure.TIMEOUT
				: this.killedByHost ? WorkerFailure.KILLED_BY_HOST : seen;
		if (seen != WorkerFailure.PIPE_CLOSED) {
			// A worker that broke the protocol is still running: kill it before reporting.
			killQuietly();
		}
		ExitStatus status = awaitExit();
		this.state = State.DEAD;
		return new WorkerFailedException(failure, detail, status, this.stderr.awaitTail(), cause);
	}

	private WorkerFailedException withStatus(WorkerFailedException failed) {
		this.state = State.DEAD;
		return new WorkerFailedException(failed.failure(), failed.getMessage(), awaitExit(), this.stderr.awaitTail(),
				failed.getCause());
	}

	private ExitStatus awaitExit() {
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				// Closed its pipe but kept running: not a state we can reason about.
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		return this.process.isAlive() ? ExitStatus.RUNNING : ExitStatus.fromExitValue(this.process.exitValue());
	}

	/** Kills the process with SIGKILL; a command in flight then fails as {@code KILLED_BY_HOST}. */
	public void kill() {
		this.killedByHost = true;
		this.process.destroyForcibly();
		if (this.state != State.BUSY) {
			this.state = State.DEAD;
		}
	}

	private void killQuietly() {
		this.process.destroyForcibly();
	}

	/** Orderly stop: {@code q}, then SIGKILL if the worker has not exited within the grace period. */
	@Override
	public void close() {
		close(Duration.ofSeconds(5));
	}

	public void close(Duration grace) {
		if (this.state == State.CLOSED) {
			return;
		}
		if (this.process.isAlive() && this.state == State.READY) {
			try {
				this.writer.write((byte) 'q', new byte[0]);
			}
			catch (IOException ex) {
				log.debug("worker {} was gone before quit: {}", this.name, ex.getMessage());
			}
		}
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		this.state = State.CLOSED;
	}

	public long pid() {
		return this.process.pid();
	}

	public State state() {
		return this.state;
	}

	public Instant startedAt() {
		return this.startedAt;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public String stderrTail() {
		return this.stderr.tail();
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		byte[] out = new byte[to - from];
		System.arraycopy(bytes, from, out, 0, out.length);
		return out;
	}

	private static String describeByte(byte b) {
		int v = b & 0xff;
		return (v >= 0x20 && v < 0x7f) ? "'" + (char) v + "'" : String.format("0x%02x", v);
	}

}
