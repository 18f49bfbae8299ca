package org.vatkernel.ops;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.CrankFinished;
import org.vatkernel.kernel.CrankListeners;
import org.vatkernel.kernel.KernelQueries;
import org.vatkernel.kernel.VatTermination;
import org.vatkernel.model.QueueName;
import org.vatkernel.worker.WorkerManager;

/**
 * The kernel's Micrometer meters (exported at {@code /actuator/prometheus}), fed by committed
 * cranks and halts. Tags stay bounded: vat ids, delivery types, meter kinds, a reason category.
 */
@Component
class KernelMetrics {

	private final MeterRegistry registry;

	private final Counter cranks;

	private final Timer crankDuration;

	private final Counter halts;

	KernelMetrics(MeterRegistry registry, CrankListeners listeners, WorkerManager workers, KernelQueries queries) {
		this.registry = registry;
		this.cranks = Counter.builder("kernel.cranks").description("Committed cranks").register(registry);
		this.crankDuration = Timer.builder("kernel.crank.duration")
			.description("Wall time of a committed crank, transaction begin to commit")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		this.halts = Counter.builder("kernel.halts").description("Times the kernel halted").register(registry);
		Gauge.builder("kernel.workers.online", workers, w -> w.workers().size())
			.description("Vat workers running")
			.register(registry);
		Gauge.builder("kernel.run.queue.length", queries, q -> q.queueLength(QueueName.RUN))
			.description("Items on the run queue")
			.register(registry);
		for (String source : java.util.List.of("config", "vatAdmin", "operator")) {
			for (boolean running : new boolean[] { true, false }) {
				Gauge.builder("kernel.vats", queries, q -> q.vatCount(source, running))
					.description("Vats by who created them (config, vatAdmin: another vat, operator) and state")
					.tag("source", source)
					.tag("state", running ? "running" : "terminated")
					.register(registry);
			}
		}
		listeners.add(this::crankFinished);
		listeners.onHalt(this::halted);
	}

	private void crankFinished(CrankFinished crank) {
		this.cranks.increment();
		this.crankDuration.record(crank.wallTime());
		if (crank.vatId() != null && crank.deliveryType() != null) {
			this.registry.counter("kernel.deliveries", "vat", crank.vatId().value(), "type", crank.deliveryType()).increment();
			if (crank.computrons() > 0) {
				this.registry.counter("kernel.computrons", "vat", crank.vatId().value()).increment(crank.computrons());
			}
		}
		if (crank.upgraded() != null) {
			this.registry.counter("kernel.vat.upgrades", "outcome", crank.upgraded() ? "succeeded" : "failed").increment();
		}
		if (crank.meteringFault() != null) {
			this.registry.counter("kernel.metering.faults", "kind", crank.meteringFault().name().toLowerCase(Locale.ROOT))
				.increment();
		}
		for (VatTermination termination : crank.terminations()) {
			this.registry.counter("kernel.vat.terminations", "reason", termination.cause().metricTag()).increment();
			if (termination.cause() == org.vatkernel.kernel.TerminationCause.METER_UNDERFLOW) {
				this.registry.counter("kernel.meter.underflows").increment();
			}
		}
	}

	private void halted(CrankListeners.Halt halt) {
		this.halts.increment();
		if (halt.workerDeathCause() != null) {
			this.registry.counter("kernel.worker.deaths", "cause", halt.workerDeathCause()).increment();
		}
	}

}
