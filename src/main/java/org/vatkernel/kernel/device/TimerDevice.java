package org.vatkernel.kernel.device;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.Passable;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.DeviceStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SwingSet's timer device ({@code device-timer.js}) in Java: a schedule of wakeups (time →
 * handlers, in the order they were set), repeaters, and the last time the host polled. The host
 * drives it with {@link #poll}: every wakeup due by then is sent {@code wake(time)} (a
 * {@code sendOnly} to the handler). Its state is one JSON value in the kernel DB, written in the
 * crank or host write that changes it, so replay never reads the clock.
 */
@Component
public class TimerDevice implements Device {

	public static final String NAME = "timer";

	private static final String STATE = "state";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final DeviceStore store;

	TimerDevice(DeviceStore store) {
		this.store = store;
	}

	@Override
	public String name() {
		return NAME;
	}

	/** One wakeup: a handler (kref), with the repeater it belongs to, if any. */
	private record Handler(String handler, @Nullable Integer index) {
	}

	/** A repeater: first time and interval (null once deleted). */
	private record Repeater(BigInteger startTime, BigInteger interval) {
	}

	/** The device's state, as SwingSet's {@code saveState} keeps it. */
	private static final class State {

		BigInteger lastPolled = BigInteger.ZERO;

		int nextRepeater;

		final List<@Nullable Repeater> repeaters = new ArrayList<>();

		/** Time → handlers, times ascending. */
		final java.util.TreeMap<BigInteger, List<Handler>> deadlines = new java.util.TreeMap<>();

		void add(BigInteger time, Handler handler) {
			this.deadlines.computeIfAbsent(time, t -> new ArrayList<>()).add(handler);
		}

		BigInteger nextScheduleTime(int index) {
			Repeater r = this.repeaters.get(index);
			if (r == null) {
				throw new DeviceException("no repeater " + index);
			}
			if (r.interval().signum() == 0) {
				throw new DeviceException("repeater " + index + " has interval 0");
			}
			// JavaScript's % (the sign of the dividend), as device-timer.js computes it
			return this.lastPolled.add(r.interval()).subtract(this.lastPolled.subtract(r.startTime()).remainder(r.interval()));
		}

	}

	@Override
	public @Nullable Object invoke(String node, String method, List<@Nullable Object> args, KernelHooks hooks) {
		if (!DeviceNodes.ROOT.equals(node)) {
			throw new DeviceException("unknown device node " + node);
		}
		State state = load();
		Object result = switch (method) {
			case "setWakeup" -> {
				BigInteger baseTime = nat(Device.arg(args, 0), "setWakeup() baseTime");
				state.add(baseTime, new Handler(ref(Device.arg(args, 1), "setWakeup() handler"), null));
				yield baseTime;
			}
			case "removeWakeup" -> {
				String handler = ref(Device.arg(args, 0), "removeWakeup() handler");
				List<Object> times = new ArrayList<>();
				state.deadlines.entrySet().removeIf(e -> {
					List<Handler> handlers = e.getValue();
					for (int j = handlers.size() - 1; j >= 0; j--) {
						if (handlers.get(j).handler().equals(handler)) {
							handlers.remove(j);
							times.add(e.getKey());
						}
					}
					return handlers.isEmpty();
				});
				yield times;
			}
			case "getLastPolled" -> state.lastPolled;
			case "makeRepeater" -> {
				int index = state.nextRepeater;
				state.repeaters.add(new Repeater(nat(Device.arg(args, 0), "makeRepeater() startTime"),
						nat(Device.arg(args, 1), "makeRepeater() interval")));
				state.nextRepeater += 1;
				yield (long) index;
			}
			case "deleteRepeater" -> {
				int index = index(Device.arg(args, 0), state);
				state.repeaters.set(index, null);
				yield (long) index;
			}
			case "schedule" -> {
				int index = index(Device.arg(args, 0), state);
				BigInteger next = state.nextScheduleTime(index);
				state.add(next, new Handler(ref(Device.arg(args, 1), "schedule() handler"), index));
				yield next;
			}
			default -> throw new DeviceException("target[" + method + "] does not exist");
		};
		if (!method.equals("getLastPolled")) {
			save(state);
		}
		return result;
	}

	/** The last time the host polled (seconds), 0 before the first poll. */
	public BigInteger lastPolled() {
		return load().lastPolled;
	}

	/**
	 * The host's {@code poll(now)}: records the time, then sends {@code wake(time)} to every
	 * handler due by {@code now}, earliest first (a repeater's handler is scheduled again).
	 * @param send sends {@code methargs} to a kref with no result (the device's {@code sendOnly})
	 * @return whether it woke anything
	 * @throws IllegalArgumentException if {@code now} is before the last poll
	 */
	public boolean poll(BigInteger now, java.util.function.BiConsumer<KernelRef, CapData> send) {
		State state = load();
		if (now.compareTo(state.lastPolled) < 0) {
			throw new IllegalArgumentException(
					"Time is monotonic. " + now + " cannot be less than " + state.lastPolled);
		}
		state.lastPolled = now;
		boolean woke = false;
		while (!state.deadlines.isEmpty() && state.deadlines.firstKey().compareTo(now) <= 0) {
			Map.Entry<BigInteger, List<Handler>> due = state.deadlines.pollFirstEntry();
			for (Handler h : due.getValue()) {
				send.accept(KernelRef.of(h.handler()), Passable.encode(List.of("wake", List.of(due.getKey()))));
				if (h.index() != null && h.index() < state.repeaters.size() && state.repeaters.get(h.index()) != null) {
					state.add(state.nextScheduleTime(h.index()), h);
				}
				woke = true;
			}
		}
		save(state);
		return woke;
	}

	private State load() {
		State state = new State();
		String json = this.store.get(NAME, STATE).orElse(null);
		if (json == null) {
			return state;
		}
		JsonNode node = VatProtocolJson.parse(json);
		state.lastPolled = new BigInteger(node.path("lastPolled").asString("0"));
		state.nextRepeater = node.path("nextRepeater").asInt(0);
		for (JsonNode r : node.path("repeaters")) {
			state.repeaters.add(r.isNull() ? null
					: new Repeater(new BigInteger(r.path("startTime").asString()), new BigInteger(r.path("interval").asString())));
		}
		for (JsonNode d : node.path("deadlines")) {
			BigInteger time = new BigInteger(d.path("time").asString());
			for (JsonNode h : d.path("handlers")) {
				state.add(time, new Handler(h.path("handler").asString(), h.has("index") ? h.path("index").asInt() : null));
			}
		}
		return state;
	}

	private void save(State state) {
		ObjectNode node = NODES.objectNode();
		node.put("lastPolled", state.lastPolled.toString());
		node.put("nextRepeater", state.nextRepeater);
		ArrayNode repeaters = node.putArray("repeaters");
		for (Repeater r : state.repeaters) {
			if (r == null) {
				repeaters.addNull();
			}
			else {
				repeaters.addObject().put("startTime", r.startTime().toString()).put("interval", r.interval().toString());
			}
		}
		ArrayNode deadlines = node.putArray("deadlines");
		state.deadlines.forEach((time, handlers) -> {
			ObjectNode d = deadlines.addObject().put("time", time.toString());
			ArrayNode hs = d.putArray("handlers");
			for (Handler h : handlers) {
				ObjectNode hn = hs.addObject().put("handler", h.handler());
				if (h.index() != null) {
					hn.put("index", h.index());
				}
			}
		});
		this.store.set(NAME, STATE, VatProtocolJson.write(node));
	}

	private static BigInteger nat(@Nullable Object value, String what) {
		BigInteger n;
		if (value instanceof BigInteger big) {
			n = big;
		}
		else if (value instanceof Long l) {
			n = BigInteger.valueOf(l);
		}
		else {
			throw new DeviceException(what + " must be a bigint, not " + value);
		}
		if (n.signum() < 0) {
			throw new DeviceException(what + " " + n + " is negative");
		}
		return n;
	}

	private static String ref(@Nullable Object value, String what) {
		if (value instanceof Passable.Ref ref && ref.slot().startsWith("ko")) {
			return ref.slot();
		}
		throw new DeviceException(what + " must be an object, not " + value);
	}

	private static int index(@Nullable Object value, State state) {
		if (value instanceof Long l && l >= 0 && l < state.repeaters.size()) {
			return l.intValue();
		}
		throw new DeviceException("no repeater " + value);
	}

}
