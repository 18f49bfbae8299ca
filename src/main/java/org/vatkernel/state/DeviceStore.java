package org.vatkernel.state;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.KernelRef;

/**
 * The kernel's built-in devices: their nodes (which {@code kdN} is which node of which device)
 * and their own key-value state. Written only inside a crank's transaction.
 */
@Repository
public class DeviceStore {

	/** One device node: {@code node} is the device's own name for it ({@code d+0}, {@code d+1}…). */
	public record DeviceNode(KernelRef kref, String deviceName, String node) {
	}

	private static final String INSERT_NODE = """
			insert into device_node (kref, device_name, node) values (:kref, :device, :node)
			""";

	private static final String NODE_BY_KREF = "select kref, device_name, node from device_node where kref = :kref";

	private static final String NODE_BY_NAME = """
			select kref, device_name, node from device_node where device_name = :device and node = :node
			""";

	private static final String GET = "select val from device_state where device_name = :device and key_name = :key";

	private static final String UPDATE = "update device_state set val = :val where device_name = :device and key_name = :key";

	private static final String INSERT = "insert into device_state (device_name, key_name, val) values (:device, :key, :val)";

	private static final String DELETE = "delete from device_state where device_name = :device and key_name = :key";

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	public DeviceStore(JdbcClient jdbc, ActivityLog activity) {
		this.jdbc = jdbc;
		this.activity = activity;
	}

	public void insertNode(KernelRef kref, String deviceName, String node) {
		this.jdbc.sql(INSERT_NODE).param("kref", kref.value()).param("device", deviceName).param("node", node).update();
		this.activity.record("set", "device_node", kref, deviceName, node);
	}

	public Optional<DeviceNode> node(KernelRef kref) {
		return this.jdbc.sql(NODE_BY_KREF)
			.param("kref", kref.value())
			.query((rs, row) -> new DeviceNode(KernelRef.of(rs.getString(1)), rs.getString(2), rs.getString(3)))
			.optional();
	}

	public Optional<DeviceNode> node(String deviceName, String node) {
		return this.jdbc.sql(NODE_BY_NAME)
			.param("device", deviceName)
			.param("node", node)
			.query((rs, row) -> new DeviceNode(KernelRef.of(rs.getString(1)), rs.getString(2), rs.getString(3)))
			.optional();
	}

	public Optional<String> get(String deviceName, String key) {
		return this.jdbc.sql(GET).param("device", deviceName).param("key", key).query(String.class).optional();
	}

	public void set(String deviceName, String key, String value) {
		int updated = this.jdbc.sql(UPDATE).param("device", deviceName).param("key", key).param("val", value).update();
		if (updated == 0) {
			this.jdbc.sql(INSERT).param("device", deviceName).param("key", key).param("val", value).update();
		}
		this.activity.record("set", "device_state", deviceName, key, value);
	}

	/** Every device's keys that start with {@code prefix}, with their device. */
	public java.util.List<DeviceNode> keysWithPrefix(String prefix) {
		return this.jdbc.sql("select device_name, key_name from device_state where key_name like :prefix order by device_name, key_name")
			.param("prefix", prefix + "%")
			.query((rs, row) -> new DeviceNode(KernelRef.of(rs.getString(2).substring(prefix.length())), rs.getString(1), ""))
			.list();
	}

	public void delete(String deviceName, String key) {
		this.jdbc.sql(DELETE).param("device", deviceName).param("key", key).update();
		this.activity.record("delete", "device_state", deviceName, key);

	}

}
