package org.vatkernel.kernel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who hears about committed cranks and kernel halts (metrics, benchmarks). Called on the kernel
 * thread (cranks after their commit), so a listener must be quick and must not touch the kernel;
 * one that throws is logged and does not stop the kernel.
 */
@Component
public class CrankListeners {

	private static final Logger log = LoggerFactory.getLogger(CrankListeners.class);

	/** A halt, with the worker death behind it if there was one ({@code signal-9}, {@code exit-3}, …). */
	public record Halt(HaltReason reason, @Nullable String workerDeathCause) {
	}

	private final List<Consumer<CrankFinished>> listeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<Halt>> haltListeners = new CopyOnWriteArrayList<>();

	public AutoCloseable add(Consumer<CrankFinished> listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	public AutoCloseable onHalt(Consumer<Halt> listener) {
		this.haltListeners.add(listener);
		return () -> this.haltListeners.remove(listener);
	}

	void halted(HaltReason reason, @Nullable String workerDeathCause) {
		Halt halt = new Halt(reason, workerDeathCause);
		for (Consumer<Halt> listener : this.haltListeners) {
			try {
				listener.accept(halt);
			}
			catch (RuntimeException ex) {
				log.warn("halt listener failed", ex);
			}
		}
	}

	void finished(CrankFinished crank) {
		for (Consumer<CrankFinished> listener : this.listeners) {
			try {
				listener.accept(crank);
			}
			catch (RuntimeException ex) {
				log.warn("crank listener failed on crank {}", crank.crankNumber(), ex);
			}
		}
	}

}
