package org.vatkernel.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A hash of the kernel state every node must agree on: counters, settings (the consensus kernel
 * options among them), vats, c-lists, objects, promises, queues, vatstores, transcripts and the
 * test log. Left out is what is local to a node, each column named in {@link #LOCAL_ONLY} with
 * why; a test reads the schema and fails on a column that is in neither list.
 */
@Repository
public class StateHashStore {

	private static final List<String> QUERIES = List.of(
			"select name, next_value from kernel_counter order by name",
			"select name, val from kernel_setting order by name",
			"select vat_id, name, bundle_id, options, state, termination_reason, termination_cause, terminated_crank, next_object_id, next_promise_id, next_device_id, reap_dirt_deliveries, reap_dirt_gc_krefs, cleanup_phase, source, parent_vat_id, meter_id, incarnation, incarnation_start from vat order by vat_id",
			"select vat_id, kref, vref, reachable from clist order by vat_id, kref",
			"select kref, owner_vat_id, reachable_count, recognizable_count, pinned from kernel_object order by kref",
			"select kpid, state, decider_vat_id, policy, ref_count, external_refs, resolution_body, resolution_slots from kernel_promise order by kpid",
			"select vat_id, action, kref from gc_action order by vat_id, action, kref",
			"select kpid, vat_id from promise_subscriber order by kpid, vat_id",
			"select kpid, seq, message from promise_queue order by kpid, seq",
			"select queue, item from kernel_queue order by queue, seq",
			"select vat_id, key_bytes, val from vatstore order by vat_id, key_bytes",
			"select vat_id, position, item, incarnation from transcript_entry order by vat_id, position",
			"select crank, vat_id, line from test_log order by seq",
			"select kref, device_name, node from device_node order by kref",
			"select device_name, key_name, val from device_state order by device_name, key_name",
			"select meter_id, remaining, threshold from meter order by meter_id",
			"select vat_id, incarnation, from_bundle, to_bundle, crank from vat_upgrade order by vat_id, incarnation");

	/**
	 * Columns left out of the hash, by table, because they are this node's own: {@code "*"} for
	 * a whole table.
	 */
	static final Map<String, Map<String, String>> LOCAL_ONLY = Map.ofEntries(
			Map.entry("vat", Map.of("created_at", "wall-clock time of this node", "snapshot_pos",
					"where this node's in-use heap snapshot stands (snapshots are a cache)")),
			Map.entry("bundle", Map.of("*", "content-addressed: the vat rows' bundle ids hash the bytes already")),
			Map.entry("heap_snapshot", Map.of("*", "a cache of the transcript; deleting it changes no vat's behaviour")),
			Map.entry("kernel_queue", Map.of("seq", "identity values skip after a rollback; the order is hashed")),
			Map.entry("test_log", Map.of("seq", "identity values skip after a rollback; the order is hashed")),
			Map.entry("transcript_entry", Map.of("computrons", "a copy of the entry's own metering, kept for queries")),
			Map.entry("kernel_options_change", Map.of("*", "the audit trail of who changed the options and when; "
					+ "the options themselves are hashed in kernel_setting")),
			Map.entry("flyway_schema_history", Map.of("*", "the migration tool's own bookkeeping")),
			Map.entry("activity_hash", Map.of("*", "a hash of the history of writes, not of the state; compared on its own")),
			Map.entry("vat_upgrade", Map.of("requested_by", "which operator asked is this node's audit trail")),
			Map.entry("vat_upgrade_request", Map.of("*", "who asked this node for an upgrade, and when")));

	private final JdbcClient jdbc;

	public StateHashStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The hashed columns, by table, as the queries read them. */
	static Map<String, List<String>> hashedColumns() {
		Map<String, List<String>> columns = new LinkedHashMap<>();
		for (String query : QUERIES) {
			String table = query.replaceAll(".* from ([a-z_]+).*", "$1");
			String select = query.substring("select ".length(), query.indexOf(" from "));
			columns.put(table, List.of(select.split(",\\s*")));
		}
		return columns;
	}

	public String stateHash() {
		MessageDigest digest = sha256();
		for (String query : QUERIES) {
			digest.update(query.getBytes(StandardCharsets.UTF_8));
			hashRows(query, digest);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * One hash per part of the state hash (keyed by the table it reads): when two nodes' state
	 * hashes differ, this says where.
	 */
	public Map<String, String> partHashes() {
		Map<String, String> parts = new LinkedHashMap<>();
		for (String query : QUERIES) {
			MessageDigest digest = sha256();
			hashRows(query, digest);
			parts.put(query.replaceAll(".* from ([a-z_]+).*", "$1"), HexFormat.of().formatHex(digest.digest()));
		}
		return parts;
	}

	private void hashRows(String query, MessageDigest digest) {
		this.jdbc.sql(query).query(rs -> {
			int columns = rs.getMetaData().getColumnCount();
			for (int i = 1; i <= columns; i++) {
				Object value = rs.getObject(i);
				byte[] bytes = value instanceof byte[] b ? b : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
				digest.update((byte) (value == null ? 0 : 1));
				digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
				digest.update((byte) ':');
				digest.update(bytes);
			}
			digest.update((byte) '\n');
		});
	}

	/** A fresh SHA-256 digest (the JDK always has it); the activity log hashes with it too. */
	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
