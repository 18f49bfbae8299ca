package org.vatkernel.kernel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who hears about committed cranks (metrics, benchmarks). Called on the kernel thread after the
 * commit, so a listener must be quick and must not touch the kernel; one that throws is logged
 * and does not stop the kernel.
 */
@Component
public class CrankListeners {

	private static final Logger log = LoggerFactory.getLogger(CrankListeners.class);

	private final List<Consumer<CrankFinished>> listeners = new CopyOnWriteArrayList<>();

	public AutoCloseable add(Consumer<CrankFinished> listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
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
