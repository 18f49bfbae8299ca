package org.vatkernel.kernel.device;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.Passable;
import org.vatkernel.state.DeviceStore;

/**
 * The kernel's devices and their nodes: which {@code kdN} is which node of which device, and the
 * one door through which a vat's {@code callNow} reaches a device (SwingSet's
 * {@code kernelSyscall.invoke} with the device manager around it).
 */
@Component
public class Devices {

	/** SwingSet's device manager hides what went wrong from the vat; the log has it. */
	public static final String INVOKE_FAILED = "device.invoke failed, see logs for details";

	private static final Logger log = LoggerFactory.getLogger(Devices.class);

	/** The result of a call: capdata (kernel space) or the error text the vat's syscall throws with. */
	public record Result(@Nullable CapData data, @Nullable String problem) {

		public boolean ok() {
			return this.data != null;
		}

	}

	private final Map<String, Device> devices;

	private final DeviceStore store;

	private final RefCounts refCounts;

	/** The device_state key prefix of an object a device holds (SwingSet's device c-list imports). */
	public static final String IMPORT = "import.";

	Devices(List<Device> devices, DeviceStore store, RefCounts refCounts) {
		this.devices = devices.stream().collect(Collectors.toMap(Device::name, Function.identity()));
		this.store = store;
		this.refCounts = refCounts;
	}

	/** Whether the kernel has a device of this name. */
	public boolean has(String deviceName) {
		return this.devices.containsKey(deviceName);
	}

	/**
	 * Calls {@code method} on device node {@code target}. What the caller got wrong (arguments,
	 * method, an unknown node) is an error result; the kernel's own failures propagate.
	 */
	public Result invoke(KernelRef target, String method, CapData args, KernelHooks hooks) {
		DeviceStore.DeviceNode node = this.store.node(target).orElse(null);
		Device device = node == null ? null : this.devices.get(node.deviceName());
		if (device == null) {
			log.warn("callNow to {}, which is no device node", target);
			return new Result(null, INVOKE_FAILED);
		}
		// An object a device keeps stays reachable for good: devices never drop (as in SwingSet).
		for (String slot : device.keepsObjects() ? args.slots() : List.<String>of()) {
			KernelRef kref = KernelRef.of(slot);
			if (kref.isObject() && this.store.get(device.name(), IMPORT + kref).isEmpty()) {
				this.store.set(device.name(), IMPORT + kref, "held");
				this.refCounts.increment(kref, false, false);
			}
		}
		try {
			Object decoded = Passable.decode(args);
			if (!(decoded instanceof List<?> list)) {
				throw new DeviceException("device arguments must be an array, not " + decoded);
			}
			@SuppressWarnings("unchecked")
			List<@Nullable Object> argList = (List<@Nullable Object>) list;
			Object result = device.invoke(node.node(), method, argList, hooks);
			return new Result(Passable.encode(result), null);
		}
		catch (DeviceException | IllegalArgumentException | ArithmeticException ex) {
			log.warn("device {} {}.{} failed: {}", device.name(), node.node(), method, ex.getMessage());
			return new Result(null, INVOKE_FAILED);
		}
	}

}
