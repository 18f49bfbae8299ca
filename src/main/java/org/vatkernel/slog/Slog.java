package org.vatkernel.slog;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kernel's structured log, in the spirit of SwingSet's slogfile: one JSON object per event,
 * {@code {"type": …, "time": <seconds since the epoch>, …}}, with SwingSet's event names
 * ({@code crank-start}, {@code deliver}, {@code syscall}, {@code deliver-result},
 * {@code crank-finish}, {@code create-vat}, {@code terminate-vat}, {@code heap-snapshot-save},
 * {@code heap-snapshot-load}, {@code start-replay}, {@code finish-replay}) plus
 * {@code kernel-halt} and {@code kernel-resume}. Off unless {@code kernel.slog.file} is set or a
 * sink is registered; callers ask {@link #enabled()} before building costly fields.
 */
@Component
@EnableConfigurationProperties(SlogProperties.class)
public class Slog implements DisposableBean {

	private final SlogProperties properties;

	private final @Nullable SlogFile file;

	private final List<Consumer<JsonNode>> sinks = new CopyOnWriteArrayList<>();

	public Slog(SlogProperties properties) {
		this.properties = properties;
		this.file = properties.file() == null ? null
				: new SlogFile(properties.file(), properties.maxFileSize().toBytes(), properties.maxHistory());
	}

	public boolean enabled() {
		return this.file != null || !this.sinks.isEmpty();
	}

	/** Whether {@code crank-finish} should carry the state hash. */
	public boolean wantsStateHash() {
		return enabled() && this.properties.stateHash();
	}

	/** Every event also goes to {@code sink}, in order, on the thread that emits it. */
	public Runnable addSink(Consumer<JsonNode> sink) {
		this.sinks.add(sink);
		return () -> this.sinks.remove(sink);
	}

	/**
	 * Emits an event with alternating names and values; a value may be a string, number,
	 * boolean, {@link JsonNode} or null.
	 */
	public void emit(String type, @Nullable Object... namesAndValues) {
		if (!enabled()) {
			return;
		}
		ObjectNode event = JsonNodeFactory.instance.objectNode();
		event.put("type", type);
		Instant now = Instant.now();
		event.put("time", now.getEpochSecond() + now.getNano() / 1e9);
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			put(event, String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
		}
		if (this.file != null) {
			this.file.write(VatProtocolJson.write(event));
			if (type.equals("crank-finish") || type.equals("kernel-halt")) {
				this.file.flush();
			}
		}
		this.sinks.forEach(sink -> sink.accept(event));
	}

	private static void put(ObjectNode event, String name, @Nullable Object value) {
		if (value == null) {
			event.putNull(name);
		}
		else if (value instanceof JsonNode node) {
			event.set(name, node);
		}
		else if (value instanceof Boolean b) {
			event.put(name, b);
		}
		else if (value instanceof Integer n) {
			event.put(name, n);
		}
		else if (value instanceof Long n) {
			event.put(name, n);
		}
		else {
			event.put(name, value.toString());
		}
	}

	@Override
	public void destroy() {
		if (this.file != null) {
			this.file.close();
		}
	}

}
