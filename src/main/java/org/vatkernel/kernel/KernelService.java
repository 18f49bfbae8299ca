package org.vatkernel.kernel;

import java.math.BigInteger;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.vatkernel.kernel.config.KernelInitializer;
import org.vatkernel.kernel.config.KernelSettings;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.TestLogStore;
import org.vatkernel.state.VatRecord;
import org.vatkernel.state.VatStore;
import tools.jackson.databind.JsonNode;

/**
 * The kernel as the host and the admin API see it: a facade over the read side
 * ({@link KernelQueries}), the host's writes ({@link HostWrites}) and the kernel thread's
 * controls ({@link KernelRunner}). Reads never wait for the kernel thread; writes only enqueue
 * work in their own short transaction: nothing changes kernel state outside a crank.
 */
@Service
public class KernelService {

	/** How an operator's termination shows in the vat's termination reason. */
	public static final String OPERATOR_REASON_PREFIX = "terminated by operator: ";

	private final KernelRunner runner;

	private final KernelQueries queries;

	private final KernelInitializer initializer;

	private final VatStore vats;

	private final HostWrites writes;

	private final KernelSettings settings;

	KernelService(KernelRunner runner, KernelQueries queries, KernelInitializer initializer, VatStore vats,
			HostWrites writes, KernelSettings settings) {
		this.runner = runner;
		this.queries = queries;
		this.initializer = initializer;
		this.vats = vats;
		this.writes = writes;
		this.settings = settings;
	}

	// ---- reads -----------------------------------------------------------------------

	public KernelStatus status() {
		return this.queries.status();
	}

	public List<VatRecord> vats() {
		return this.vats.all();
	}

	public VatRecord vat(VatId vatId) {
		return this.vats.find(vatId).orElseThrow(() -> new UnknownVatException(vatId));
	}

	public PromiseView promise(KernelRef kpid) {
		return this.queries.promise(kpid);
	}

	public KernelQueries.KernelObject object(KernelRef kref) {
		return this.queries.object(kref);
	}

	public List<String> testLog() {
		return this.queries.testLog();
	}

	public List<TestLogStore.Line> testLogAfter(long afterSeq, int limit) {
		return this.queries.testLogAfter(afterSeq, limit);
	}

	public String stateHash() {
		return this.queries.stateHash();
	}

	public boolean isInitialized() {
		return this.initializer.isInitialized();
	}

	// ---- host writes (HostWrites) ----------------------------------------------------

	/**
	 * Queues {@code method(args)} to a vat's root object with a fresh result promise, as
	 * SwingSet's {@code queueToVatRoot}. The root is pinned so GC never collects it.
	 * @return the result promise's kpid
	 */
	public KernelRef queueToVatRoot(VatId vatId, String method, List<JsonNode> args) {
		return this.writes.queueToVatRoot(vatId, method, args);
	}

	/**
	 * Stores an uploaded bundle (checked: see {@link BundleCheck}) under its content-addressed id.
	 * Installing the same bundle twice is not an error.
	 */
	public BundleInstalled installBundle(String bundleJson) {
		return this.writes.installBundle(bundleJson);
	}

	/** A bundle's id and whether this upload stored it (false: it was installed already). */
	public record BundleInstalled(String bundleId, boolean created) {
	}

	/**
	 * Creates a vat from an installed bundle and queues its {@code startVat}, as SwingSet's
	 * {@code createVat}. Refused while the kernel is halted, for an unknown bundle, a taken name
	 * or invalid creation options.
	 * @return the new vat's id
	 */
	public VatId createVat(String bundleId, @Nullable String name, JsonNode parameters, JsonNode creationOptions) {
		return this.writes.createVat(bundleId, name, parameters, creationOptions);
	}

	/**
	 * Terminates a vat at once, between cranks, as SwingSet's {@code controller.terminateVat}.
	 * Refused for an unknown or already terminated vat, and for a critical vat.
	 * @return the vat as it is now
	 */
	public VatRecord terminateVat(VatId vatId, String reason) {
		this.writes.terminateVat(vatId, reason);
		return vat(vatId);
	}

	/**
	 * Changes consensus kernel options from the next crank on, as SwingSet's
	 * {@code changeKernelOptions}; the change is recorded with who asked.
	 * @return the options now in force
	 */
	public KernelOptions changeKernelOptions(JsonNode changes, String changedBy) {
		return this.writes.changeKernelOptions(changes, changedBy);
	}

	/**
	 * Schedules a {@code bringOutYourDead} for every running vat, as SwingSet's
	 * {@code reapAllVats}.
	 * @return the vats it was scheduled for
	 */
	public List<VatId> reapAllVats() {
		return this.writes.reapAllVats();
	}

	/**
	 * Polls the timer device with {@code now} (seconds, as the chain does with block time): wakes
	 * every handler due by then. Refused without a timer device and for a time that goes back.
	 */
	public TimerPoll pollTimer(BigInteger now) {
		boolean woke = this.writes.pollTimer(now);
		return new TimerPoll(now, woke);
	}

	/** The time a timer poll delivered, and whether it woke anything. */
	public record TimerPoll(BigInteger time, boolean woke) {
	}

	/**
	 * Upgrades a vat (SwingSet's {@code controller.upgradeStaticVat}): asks vatAdmin, which
	 * queues the upgrade; returns the kpid whose settlement is the outcome.
	 */
	public KernelRef upgradeVat(VatId vatId, String bundleId, tools.jackson.databind.JsonNode vatParameters,
			@Nullable String upgradeMessage, String requestedBy) {
		return this.writes.upgradeVat(vatId, bundleId, vatParameters, upgradeMessage, requestedBy);
	}

	/** Whether the config named the timer device. */
	public boolean timerConfigured() {
		return this.writes.timerConfigured();
	}

	/** The time the timer was last polled with (0 before the first poll). */
	public BigInteger timerLastPolled() {
		return this.writes.timerLastPolled();
	}

	public KernelOptions kernelOptions() {
		return this.settings.current();
	}

	/** Every recorded change of the kernel options, oldest first. */
	public List<KernelOptionsChange> kernelOptionsChanges() {
		return this.settings.changes()
			.stream()
			.map(c -> new KernelOptionsChange(c.crank(), VatProtocolJson.parse(c.options()), c.changedBy(), c.changedAt()))
			.toList();
	}

	/** A recorded change: in force from crank {@code crank} on, what it set, who asked and when. */
	public record KernelOptionsChange(long crank, JsonNode options, String changedBy, java.time.Instant changedAt) {
	}

	// ---- control ---------------------------------------------------------------------

	public boolean step() {
		return this.runner.step();
	}

	public void pause() {
		this.runner.pause();
	}

	public void run() {
		this.runner.run();
	}

	/** Clears a halt (or a pause) and runs again. */
	public boolean resume() {
		return this.runner.resume();
	}

}
