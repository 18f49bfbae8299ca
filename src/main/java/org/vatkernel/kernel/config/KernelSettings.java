package org.vatkernel.kernel.config;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vatkernel.kernel.KernelOptions;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.KernelStateStore;
import tools.jackson.databind.JsonNode;

/**
 * The one owner of the consensus {@link KernelOptions}: written when the config is applied and
 * by an operator's recorded change, read by every crank. Reads are served from memory; the copy
 * is dropped after each write's transaction (committed or not), so a rolled-back change never
 * shows.
 */
@Component
public class KernelSettings {

	private final KernelStateStore state;

	private final Clock clock;

	private volatile @Nullable KernelOptions current;

	KernelSettings(KernelStateStore state, Clock clock) {
		this.state = state;
		this.clock = clock;
	}

	public KernelOptions current() {
		KernelOptions options = this.current;
		if (options == null) {
			options = KernelOptions.fromSettings(this.state::setting);
			this.current = options;
		}
		return options;
	}

	/** Inside the config's transaction: the options the config sets. */
	void initialize(KernelOptions options) {
		options.toSettings().forEach(this.state::putSetting);
		this.current = null;
	}

	/**
	 * Inside a host write's transaction: applies {@code changes} (names only the options to
	 * change), records who asked, and returns the options from the next crank on.
	 * @throws KernelConfigException naming an unknown option or a bad value; nothing is written
	 */
	public KernelOptions change(JsonNode changes, String changedBy) {
		KernelOptions next = current().with(changes, "options");
		if (changes.isEmpty()) {
			throw new KernelConfigException("options: name at least one of " + KernelOptions.NAMES);
		}
		next.toSettings().forEach(this.state::putSetting);
		this.state.recordOptionsChange(this.state.crankNumber(), VatProtocolJson.write(changes), changedBy,
				this.clock.instant());
		this.current = null;
		return next;
	}

	/** After a write's transaction ended, whichever way: the next read goes to the DB. */
	public void forget() {
		this.current = null;
	}

	public List<KernelStateStore.OptionsChange> changes() {
		return this.state.optionsChanges();
	}

}
