package org.vatkernel.kernel.device;

import org.springframework.stereotype.Component;
import org.vatkernel.model.KernelRef;
import org.vatkernel.state.DeviceStore;
import org.vatkernel.state.KernelStateStore;

/**
 * Device nodes' krefs (SwingSet's device c-lists, one direction): {@code kdN} for a node a
 * device names {@code d+N}, allocated the first time the node leaves the device.
 */
@Component
public class DeviceNodes {

	/** A device's root node, as the device names it. */
	public static final String ROOT = "d+0";

	private final DeviceStore store;

	private final KernelStateStore state;

	DeviceNodes(DeviceStore store, KernelStateStore state) {
		this.store = store;
		this.state = state;
	}

	public KernelRef node(String deviceName, String node) {
		return this.store.node(deviceName, node).map(DeviceStore.DeviceNode::kref).orElseGet(() -> {
			KernelRef kref = KernelRef.of("kd" + this.state.allocate("kd"));
			this.store.insertNode(kref, deviceName, node);
			return kref;
		});
	}

	public KernelRef root(String deviceName) {
		return node(deviceName, ROOT);
	}

}
