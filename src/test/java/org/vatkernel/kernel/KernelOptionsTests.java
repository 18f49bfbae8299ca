package org.vatkernel.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vatkernel.kernel.config.KernelConfigException;
import org.vatkernel.model.VatProtocolJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Consensus kernel options: changes by name, every bad value refused naming the option. */
class KernelOptionsTests {

	@Test
	void changesOnlyWhatIsNamedAndRoundTripsThroughTheSettings() {
		KernelOptions changed = KernelOptions.DEFAULTS
			.with(VatProtocolJson.parse("{\"snapshotInterval\": 7, \"defaultReapGCKrefs\": \"never\"}"), "options");
		assertThat(changed).isEqualTo(new KernelOptions(3, 7, 1000, null, 200));
		Map<String, String> settings = new HashMap<>(changed.toSettings());
		assertThat(settings).containsEntry("defaultReapGCKrefs", "never").containsEntry("snapshotInterval", "7");
		assertThat(KernelOptions.fromSettings(name -> Optional.ofNullable(settings.get(name)))).isEqualTo(changed);
		// A DB from before the options were kept there has SwingSet's defaults.
		assertThat(KernelOptions.fromSettings(name -> Optional.empty())).isEqualTo(KernelOptions.DEFAULTS);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"snapshotInterval": -1}        | snapshotInterval
			{"snapshotInitial": -3}         | snapshotInitial
			{"snapshotInterval": "often"}   | snapshotInterval
			{"snapshotInterval": 2.5}       | snapshotInterval
			{"snapshotInterval": 99999999999} | snapshotInterval
			{"cleanupBudget": 0}            | cleanupBudget
			{"defaultReapInterval": 0}      | defaultReapInterval
			{"defaultReapInterval": "soon"} | defaultReapInterval
			{"defaultReapGCKrefs": true}    | defaultReapGCKrefs
			{"reapInterval": 5}             | reapInterval
			""")
	void refusesNaming(String changes, String named) {
		assertThatThrownBy(() -> KernelOptions.DEFAULTS.with(VatProtocolJson.parse(changes), "options"))
			.isInstanceOf(KernelConfigException.class)
			.hasMessageContaining(named);
	}

}
