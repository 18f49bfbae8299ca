package org.vatkernel.state;

import java.sql.Types;
import java.util.Optional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vatkernel.model.VatId;

/** Each vat's transcript: its committed deliveries with their syscalls and results. */
@Repository
public class TranscriptStore {

	/** One entry: its position and the {@code {"d","sc","r"}} JSON. */
	public record TranscriptEntry(long position, String item) {
	}

	// The last entry off the primary key, not max(): H2 would scan the vat's whole transcript.
	private static final String LAST_POSITION = """
			select position from transcript_entry where vat_id = :vatId order by vat_id desc, position desc limit 1
			""";

	private static final String APPEND = """
			insert into transcript_entry (vat_id, position, item, computrons, incarnation)
			values (?, ?, ?, ?, (select incarnation from vat where vat_id = ?))
			""";

	private static final String ENTRIES = """
			select position, item from transcript_entry where vat_id = :vatId and position >= :from order by vat_id, position
			""";

	private static final String PAGE = """
			select position, item from transcript_entry where vat_id = :vatId and position >= :from
			  and (cast(:incarnation as integer) is null or incarnation = :incarnation)
			order by vat_id, position limit :limit
			""";

	private static final String COMPUTRONS_BY_VAT = """
			select vat_id, coalesce(sum(computrons), 0) as total from transcript_entry
			group by vat_id order by total desc, vat_id limit :limit
			""";

	private static final String COMPUTRONS = "select coalesce(sum(computrons), 0) from transcript_entry where vat_id = :vatId";

	private static final String TABLE = "transcript_entry";

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	public TranscriptStore(JdbcClient jdbc, CrankBuffer buffer) {
		this.jdbc = jdbc;
		this.buffer = buffer;
	}

	private static CrankBuffer.Key key(VatId vatId) {
		return new CrankBuffer.Key(TABLE, vatId);
	}

	public long length(VatId vatId) {
		return this.buffer.<Long>row(key(vatId), () -> Optional.of(this.jdbc.sql(LAST_POSITION)
			.param("vatId", vatId.value())
			.query(Long.class)
			.optional()
			.map(p -> p + 1)
			.orElse(0L))).orElseThrow();
	}

	/** Appends the next entry; returns the transcript's new length. */
	public long append(VatId vatId, String itemJson, @Nullable Long computrons) {
		long position = length(vatId);
		this.buffer.write(TABLE, APPEND, vatId.value(), position, itemJson,
				new SqlParameterValue(Types.BIGINT, computrons), vatId.value());
		this.buffer.put(key(vatId), Optional.of(position + 1));
		return position + 1;
	}

	public List<TranscriptEntry> entries(VatId vatId, long fromPosition) {
		return this.jdbc.sql(ENTRIES)
			.param("vatId", vatId.value())
			.param("from", fromPosition)
			.query((rs, row) -> new TranscriptEntry(rs.getLong("position"), rs.getString("item")))
			.list();
	}


	/** Up to {@code limit} entries from {@code fromPosition} on. */
	public List<TranscriptEntry> page(VatId vatId, long fromPosition, int limit) {
		return page(vatId, fromPosition, limit, null);
	}

	/** Up to {@code limit} entries from {@code fromPosition} on, of one incarnation if given. */
	public List<TranscriptEntry> page(VatId vatId, long fromPosition, int limit, @Nullable Integer incarnation) {
		return this.jdbc.sql(PAGE)
			.param("incarnation", incarnation)
			.param("vatId", vatId.value())
			.param("from", fromPosition)
			.param("limit", limit)
			.query((rs, row) -> new TranscriptEntry(rs.getLong("position"), rs.getString("item")))
			.list();
	}

	/** The vats whose committed deliveries used the most computrons, most first, with their totals. */
	public Map<VatId, Long> computronsByVat(int limit) {
		Map<VatId, Long> totals = new LinkedHashMap<>();
		this.jdbc.sql(COMPUTRONS_BY_VAT)
			.param("limit", limit)
			.query((rs, row) -> totals.put(VatId.of(rs.getString("vat_id")), rs.getLong("total")))
			.list();
		return totals;
	}

	/** Every computron the vat's committed deliveries used. */
	public long totalComputrons(VatId vatId) {
		return this.jdbc.sql(COMPUTRONS).param("vatId", vatId.value()).query(Long.class).single();
	}

}
