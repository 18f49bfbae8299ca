package org.vatkernel.kernel.device;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One built-in device: answers a method call on one of its nodes, in kernel space. Arguments
 * and the result are {@link org.vatkernel.model.Passable} values; a device node or object
 * reference is a {@link org.vatkernel.model.Passable.Ref} holding its kref.
 */
interface Device {

	String name();

	/**
	 * @param node the device's own name for the node called ({@code d+0} is its root)
	 * @throws DeviceException when the caller got something wrong
	 */
	@Nullable Object invoke(String node, String method, List<@Nullable Object> args, KernelHooks hooks);

	/**
	 * Whether the device keeps objects it is given (the timer keeps wakeup handlers): each is then
	 * held for good, as SwingSet's device c-lists hold every import. A device that only passes
	 * them on (vatAdmin hands {@code vatParameters} to the {@code create-vat} event, which holds
	 * them itself) holds nothing, so that an object a dynamic vat drops can be collected.
	 */
	default boolean keepsObjects() {
		return true;
	}

	/** Argument {@code index}, or {@code undefined} when the caller passed fewer. */
	static @Nullable Object arg(List<@Nullable Object> args, int index) {
		return index < args.size() ? args.get(index) : org.vatkernel.model.Passable.UNDEFINED;
	}

}
