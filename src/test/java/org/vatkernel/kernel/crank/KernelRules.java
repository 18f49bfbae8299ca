package org.vatkernel.kernel.crank;

import java.util.List;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.vatkernel.kernel.TerminationCause;
import org.vatkernel.kernel.crank.KernelQueue;
import org.vatkernel.kernel.crank.VatTranslator;
import org.vatkernel.kernel.gc.GcActions;
import org.vatkernel.kernel.gc.RefCounts;
import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.state.ActivityLog;
import org.vatkernel.state.BufferedDataSource;
import org.vatkernel.state.CrankBuffer;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.ClistStore;
import org.vatkernel.state.GcActionStore;
import org.vatkernel.state.KernelObject;
import org.vatkernel.state.KernelPromise;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.ObjectStore;
import org.vatkernel.state.PromiseStore;
import org.vatkernel.state.QueueStore;
import org.vatkernel.state.VatStore;
import org.vatkernel.testdb.TestDatabase;

/**
 * The kernel's rules — translator, routing, reference counts, GC actions — wired by hand over
 * the real stores on an in-memory H2 that Flyway migrates once per test class: no Spring
 * context, no worker. Registered as a JUnit extension
 * ({@code @RegisterExtension static final KernelRules rules = new KernelRules()}), it runs each
 * test inside a transaction that it rolls back afterwards, so that one migrated database serves a
 * whole table of cases in milliseconds each.
 */
public final class KernelRules implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private static final String BUNDLE_ID = "b1-test";

	private final SingleConnectionDataSource dataSource;

	private final DataSourceTransactionManager transactions;

	private TransactionStatus current;

	public final KernelStateStore state;

	public final VatStore vats;

	public final ObjectStore objects;

	public final PromiseStore promises;

	public final ClistStore clist;

	public final GcActionStore gcActionStore;

	public final QueueStore queues;

	public final RefCounts refCounts;

	public final VatTranslator translator;

	public final KernelQueue queue;

	public final GcActions gcActions;

	/** For stores a rule test builds itself. */
	public final JdbcClient jdbc;

	/** The activity log every store here reports its writes to. */
	public final ActivityLog activity;

	/** The crank buffer the stores here write through. */
	public final CrankBuffer buffer;


	public KernelRules() {
		String url = TestDatabase.freshH2();
		this.dataSource = new SingleConnectionDataSource(url, "sa", "", true);
		Flyway.configure().dataSource(this.dataSource).load().migrate();
		// The rules run through the crank buffer, as the kernel's cranks do.
		DataSource buffered = new BufferedDataSource(this.dataSource);
		this.transactions = new DataSourceTransactionManager(buffered);
		JdbcClient jdbc = JdbcClient.create(buffered);
		this.jdbc = jdbc;
		this.buffer = new CrankBuffer(buffered);
		this.activity = new ActivityLog(new JdbcTemplate(buffered), this.buffer);
		this.state = new KernelStateStore(jdbc, this.buffer, this.activity);
		this.vats = new VatStore(jdbc, this.buffer, this.activity);
		this.objects = new ObjectStore(jdbc, this.buffer, this.activity);
		this.promises = new PromiseStore(jdbc, this.buffer, this.activity);
		this.clist = new ClistStore(jdbc, this.buffer, this.activity);
		this.gcActionStore = new GcActionStore(jdbc, this.activity);
		this.queues = new QueueStore(jdbc, this.buffer, this.activity);
		this.refCounts = new RefCounts(this.objects, this.promises, this.clist, this.gcActionStore, this.vats);
		this.translator = new VatTranslator(this.clist, this.vats, this.objects, this.promises, this.state,
				this.refCounts);
		this.queue = new KernelQueue(this.queues, this.promises, this.objects, this.vats, this.state, this.refCounts);
		this.gcActions = new GcActions(this.gcActionStore, this.clist, this.objects);
		// Vats name their bundle; one row outside every case's transaction serves them all.
		new BundleStore(jdbc).add(BUNDLE_ID, "{}");
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		begin();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		rollback();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/** Opens the transaction a test case runs in. */
	void begin() {
		this.current = this.transactions.getTransaction(new DefaultTransactionDefinition());
	}

	/** Undoes everything the case wrote, and the refcounts' in-memory maybe-free list. */
	void rollback() {
		this.refCounts.reset();
		this.transactions.rollback(this.current);
	}

	/** A running vat. */
	public VatId vat(String name) {
		VatId vatId = this.state.newVatId();
		this.vats.insert(vatId, name, BUNDLE_ID, "{}");
		return vatId;
	}

	public void terminate(VatId vatId) {
		this.vats.markTerminated(vatId, "gone", TerminationCause.DELIVERY_ERROR.name(), 0);
	}

	/** An object exported by {@code exporter} as {@code vref}, imported (reachable) by each importer. */
	public KernelRef object(VatId exporter, String vref, VatId... importers) {
		KernelRef kref = this.translator.toKernel(exporter, vref, VatTranslator.Mode.NORMAL);
		for (VatId importer : importers) {
			this.translator.toVat(importer, kref, true);
		}
		return kref;
	}

	public KernelObject find(KernelRef kref) {
		return this.objects.find(kref).orElseThrow();
	}

	public KernelPromise promise(KernelRef kpid) {
		return this.promises.find(kpid).orElseThrow();
	}

	/** Pending GC actions as {@code vatId action kref}, in the store's order. */
	public List<String> pendingGcActions() {
		return this.gcActionStore.all().stream().map(a -> a.vatId() + " " + a.action().action() + " " + a.kref()).toList();
	}

	public static CapData slots(KernelRef... krefs) {
		return new CapData("#null", java.util.Arrays.stream(krefs).map(KernelRef::value).toList());
	}

	void close() {
		JdbcClient.create((DataSource) this.dataSource).sql("shutdown").update();
		this.dataSource.destroy();
	}

}
