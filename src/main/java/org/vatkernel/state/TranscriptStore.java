package org.vatkernel.state;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each vat's transcript: its committed deliveries with their syscalls and results. */
@Repository
public class TranscriptStore {

	/** One entry: its position and the {@code {"d","sc","r"}} JSON. */
	public record TranscriptEntry(long position, String item) {
	}

	private static final String NEXT_POSITION = """
			select coalesce(max(position) + 1, 0) from transcript_entry where vat_id = :vatId
			""";

	private static final String APPEND = """
			insert into transcript_entry (vat_id, position, item, computrons)
			values (:vatId, :position, :item, :computrons)
			""";

	private static final String ENTRIES = """
			select position, item from transcript_entry where vat_id = :vatId and position >= :from order by position
			""";

	private final JdbcClient jdbc;

	public TranscriptStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long length(String vatId) {
		return this.jdbc.sql(NEXT_POSITION).param("vatId", vatId).query(Long.class).single();
	}

	public void append(String vatId, String itemJson, @Nullable Long computrons) {
		this.jdbc.sql(APPEND)
			.param("vatId", vatId)
			.param("position", length(vatId))
			.param("item", itemJson)
			.param("computrons", computrons)
			.update();
	}

	public List<TranscriptEntry> entries(String vatId, long fromPosition) {
		return this.jdbc.sql(ENTRIES)
			.param("vatId", vatId)
			.param("from", fromPosition)
			.query(TranscriptEntry.class)
			.list();
	}

}
