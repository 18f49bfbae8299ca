package org.vatkernel.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a worker's stderr (and its stdout, which the fd shim sends there) on its own thread:
 * an undrained pipe would block the worker. Each line goes to the log, prefixed with the worker
 * name, and the last lines are kept for diagnostics.
 */
final class StderrDrain implements Runnable {

	private static final Logger log = LoggerFactory.getLogger("org.vatkernel.worker.stderr");

	private volatile String name;

	private final InputStream in;

	private final int maxLines;

	private final Deque<String> tail = new ArrayDeque<>();

	private final Thread thread;

	private StderrDrain(String name, InputStream in, int maxLines) {
		this.name = name;
		this.in = in;
		this.maxLines = maxLines;
		this.thread = new Thread(this, "xsnap-stderr-" + name);
		this.thread.setDaemon(true);
	}

	/** A spare worker taken by a vat: its lines are logged under the vat's name from now on. */
	void rename(String name) {
		this.name = name;
	}

	static StderrDrain start(String name, InputStream in, int maxLines) {

		StderrDrain drain = new StderrDrain(name, in, maxLines);
		drain.thread.start();
		return drain;
	}

	@Override
	public void run() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(this.in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				log.info("[{}] {}", this.name, line);
				synchronized (this.tail) {
					this.tail.addLast(line);
					while (this.tail.size() > this.maxLines) {
						this.tail.removeFirst();
					}
				}
			}
		}
		catch (IOException ex) {
			log.debug("[{}] stderr closed: {}", this.name, ex.getMessage());
		}
	}

	String tail() {
		synchronized (this.tail) {
			return String.join("\n", this.tail);
		}
	}

	/** The tail once the process has exited: waits briefly for the last lines to be read. */
	String awaitTail() {
		try {
			this.thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return tail();
	}

}
