package org.vatkernel.state;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SwingSet's crank hash and activity hash, over this kernel's rows instead of kvStore strings.
 *
 * <p>Every store method that writes consensus state also tells this log what it wrote, in call
 * order: an operation, a table and the operation's fields (the row's key, then the values it
 * sets, or the delta it adds). Each write is encoded as its parts, each part as
 * {@code <UTF-8 length>:<UTF-8 bytes>} ({@code -} for null), followed by {@code \n}. The
 * <b>crank hash</b> is SHA-256 over the encoded writes of one transaction; the <b>activity
 * hash</b> is SHA-256 of {@code "activityhash\n" + previous + "\n" + crankHash + "\n"}, starting
 * from the empty string (as {@code kernelKeeper.emitCrankHashes} does). A transaction with no
 * consensus writes leaves the chain as it is.
 *
 * <p>Left out, as SwingSet leaves its transcript, snapshot and bundle stores out: transcript
 * entries, heap snapshots and their position, bundles, and what is this node's own (creation
 * times, the options-change and upgrade-request audit trails, queue identity values — a queue's
 * head is hashed as "shift queue", not by its row id, which skips after a rollback).
 *
 * <p><b>Rollback rule</b>: writes undone by a savepoint rollback are taken out of the crank hash
 * too ({@link #mark()}/{@link #rewind(int)}), so the hash covers exactly what commits. SwingSet's
 * current swing-store keeps hashing undone writes; ours cannot be bit-identical to SwingSet's
 * anyway (rows, not strings), and a hash of what commits is the one a node can recompute from
 * its own history. A rolled-back transaction leaves the chain untouched.
 */
@Repository
public class ActivityLog {

	private static final Logger log = LoggerFactory.getLogger(ActivityLog.class);

	private static final String READ = "select hash, crank from activity_hash where id = 1";


	private static final String WRITE = "update activity_hash set hash = ?, crank = ? where id = 1";

	private static final String INCREMENT_CRANK = "update kernel_counter set next_value = next_value + 1 where name = 'crank'";

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(StateHashStore::sha256);

	private final JdbcClient jdbc;

	private final CrankBuffer buffer;

	/** The latest committed link, read from the DB once; only commits move it. */
	private volatile @Nullable Link committed;

	public ActivityLog(JdbcTemplate template, CrankBuffer buffer) {
		this.jdbc = JdbcClient.create(template);
		this.buffer = buffer;
	}

	/** An activity hash and the crank number it was sealed at. */
	public record Link(String hash, long crank) {
	}

	/** Records one consensus write of the current transaction. */
	public void record(String op, String table, @Nullable Object... fields) {
		long start = System.nanoTime();
		Writes writes = writes();
		if (writes == null) {
			return;
		}
		writes.append(op);
		writes.append(table);
		for (Object field : fields) {
			writes.append(field);
		}
		writes.end();
		writes.nanos += System.nanoTime() - start;
		if (log.isTraceEnabled()) {
			// Two nodes whose activity hashes part can diff these lines to see where.
			log.trace("{} {} {}", op, table, Arrays.toString(fields));
		}
	}

	/**
	 * What the activity hash has cost the current transaction so far: encoding its writes,
	 * hashing and storing the link (for the benchmark's share of crank time).
	 */
	public long costNanos() {
		Writes writes = writes();
		return writes == null ? 0 : writes.nanos;
	}

	/** Where the current transaction's writes stand, for a later {@link #rewind(int)}. */
	public int mark() {
		Writes writes = writes();
		return writes == null ? 0 : writes.size();
	}

	/** Forgets the writes after {@code mark}: a savepoint rollback undid them. */
	public void rewind(int mark) {
		Writes writes = writes();
		if (writes != null) {
			writes.rewind(mark);
		}
	}

	/**
	 * Folds the transaction's writes so far into the activity hash and stores it (inside the
	 * transaction: it commits or rolls back with them): a host write's seal, just before its
	 * commit, and that of any writes after a crank's {@link #sealCrank}.
	 */
	private String seal(long crank) {

		long start = System.nanoTime();
		Writes writes = writes();
		if (writes == null || writes.size() == 0) {
			return writes != null && writes.pending != null ? writes.pending.hash() : current().hash();
		}
		Link next = link(writes, crank);
		this.buffer.write("activity_hash", WRITE, next.hash(), next.crank());
		writes.pending = next;
		writes.nanos += System.nanoTime() - start;
		return next.hash();
	}

	/**
	 * A crank's end: moves the crank counter (its last write, so always in its hash, as in
	 * SwingSet) and seals the crank's writes. Both are buffered writes: they go to the DB with the
	 * rest of the crank's.
	 * @param crank the number of the crank that ends (the counter's value before it moves)
	 */
	public String sealCrank(long crank) {
		record("increment", "kernel_counter", "crank");
		long start = System.nanoTime();
		Writes writes = writes();
		if (writes == null) {
			throw new IllegalStateException("a crank is sealed inside its transaction");
		}
		Link next = link(writes, crank);
		this.buffer.write("kernel_counter", INCREMENT_CRANK);
		this.buffer.<Long>update(KernelStateStore.counterKey("crank"), value -> value + 1);
		this.buffer.write("activity_hash", WRITE, next.hash(), next.crank());
		writes.pending = next;
		writes.nanos += System.nanoTime() - start;
		return next.hash();
	}

	private Link link(Writes writes, long crank) {
		Link previous = writes.pending != null ? writes.pending : current();
		// One digest per thread, reused: digest() resets it, and looking one up costs as much as
		// hashing a crank's writes.
		MessageDigest digest = SHA256.get();
		String crankHash = HexFormat.of().formatHex(digest.digest(writes.take()));
		digest.update(("activityhash\n" + previous.hash() + "\n" + crankHash + "\n").getBytes(StandardCharsets.UTF_8));
		return new Link(HexFormat.of().formatHex(digest.digest()), crank);
	}

	/** The latest committed activity hash. */
	public Link current() {
		Link link = this.committed;
		if (link == null) {
			link = this.jdbc.sql(READ).query((rs, row) -> new Link(rs.getString(1), rs.getLong(2))).single();
			this.committed = link;
		}
		return link;
	}

	/** The current transaction's write buffer, bound on first use; null outside a transaction. */
	private @Nullable Writes writes() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		Writes writes = (Writes) TransactionSynchronizationManager.getResource(this);
		if (writes == null) {
			writes = new Writes();
			TransactionSynchronizationManager.bindResource(this, writes);
			TransactionSynchronizationManager.registerSynchronization(new Sealing(writes));
		}
		return writes;
	}

	private final class Sealing implements TransactionSynchronization {

		private final Writes writes;

		Sealing(Writes writes) {
			this.writes = writes;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			if (this.writes.size() > 0) {
				Link last = this.writes.pending != null ? this.writes.pending : current();
				seal(last.crank());
			}
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(ActivityLog.this);
			if (status == STATUS_COMMITTED && this.writes.pending != null) {
				ActivityLog.this.committed = this.writes.pending;
			}
		}

	}

	/** One transaction's encoded writes since the last seal. */
	private static final class Writes {

		private final Buffer bytes = new Buffer();

		private @Nullable Link pending;

		private long nanos;


		void append(@Nullable Object part) {
			if (part == null) {
				this.bytes.write('-');
				return;
			}
			byte[] utf8 = (part instanceof byte[] raw ? HexFormat.of().formatHex(raw) : part.toString())
				.getBytes(StandardCharsets.UTF_8);
			writeDecimal(utf8.length);
			this.bytes.write(':');
			this.bytes.writeBytes(utf8);
		}

		void end() {
			this.bytes.write('\n');
		}

		/** A length's ASCII digits, written without a String for each (this runs per part). */
		private void writeDecimal(int n) {
			if (n >= 10) {
				writeDecimal(n / 10);
			}
			this.bytes.write('0' + n % 10);
		}

		int size() {
			return this.bytes.size();
		}

		void rewind(int mark) {
			this.bytes.truncate(Math.min(mark, this.bytes.size()));
		}

		byte[] take() {
			byte[] all = this.bytes.toByteArray();
			this.bytes.reset();
			return all;
		}

	}

	private static final class Buffer extends ByteArrayOutputStream {

		void truncate(int size) {
			this.count = size;
		}

	}

}
