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
 * A hash of the kernel state every node must agree on: counters, vats, c-lists, objects,
 * promises, queues, vatstores, transcripts and the test log. Left out is what is local to a
 * node: wall-clock times, queue row ids (identity values skip after a rollback), bundles' bytes
 * (their ids are hashes already) and heap snapshots (a cache of the transcript).
 */
@Repository
public class StateHashStore {

	private static final List<String> QUERIES = List.of(
			"select name, next_value from kernel_counter order by name",
			"select name, val from kernel_setting order by name",
			"select vat_id, name, bundle_id, options, state, termination_reason, terminated_crank, next_object_id, next_promise_id, next_device_id, reap_dirt_deliveries, reap_dirt_gc_krefs, cleanup_phase from vat order by vat_id",
			"select vat_id, kref, vref, reachable from clist order by vat_id, kref",
			"select kref, owner_vat_id, reachable_count, recognizable_count, pinned from kernel_object order by kref",
			"select kpid, state, decider_vat_id, policy, ref_count, external_refs, resolution_body, resolution_slots from kernel_promise order by kpid",
			"select vat_id, action, kref from gc_action order by vat_id, action, kref",
			"select kpid, vat_id from promise_subscriber order by kpid, vat_id",
			"select kpid, seq, message from promise_queue order by kpid, seq",
			"select queue, item from kernel_queue order by queue, seq",
			"select vat_id, key_bytes, val from vatstore order by vat_id, key_bytes",
			"select vat_id, position, item from transcript_entry order by vat_id, position",
			"select crank, vat_id, line from test_log order by seq");

	private final JdbcClient jdbc;

	public StateHashStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
