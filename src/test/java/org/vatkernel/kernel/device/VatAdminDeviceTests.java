package org.vatkernel.kernel.device;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vatkernel.kernel.crank.KernelRules;
import org.vatkernel.model.CapData;
import org.vatkernel.model.Passable;
import org.vatkernel.model.VatId;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.DeviceStore;
import org.vatkernel.state.MeterStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The vatAdmin device's rules (device-vat-admin.js with the kernel's endowments) over the real
 * stores; the kernel hooks are the one part replaced, by a recorder, to see what the device asks
 * of the crank. No Spring, no worker.
 */
class VatAdminDeviceTests {

	@RegisterExtension
	static final KernelRules rules = new KernelRules();

	private static final String BUNDLE_ID = "b1-" + "ab".repeat(64);

	private final DeviceStore store = new DeviceStore(rules.jdbc, rules.activity);

	private final VatAdminDevice device = new VatAdminDevice(this.store, new DeviceNodes(this.store, rules.state),
			new BundleStore(rules.jdbc), new MeterStore(rules.jdbc, rules.activity), rules.state);

	private final RecordingHooks hooks = new RecordingHooks();

	@Test
	void metersCountDownAndUpInBigints() {
		Object meterId = call("createMeter", BigInteger.valueOf(1000), BigInteger.valueOf(10));
		assertThat(meterId).isEqualTo("m1");
		call("addMeterRemaining", meterId, BigInteger.valueOf(5));
		call("setMeterThreshold", meterId, BigInteger.valueOf(20));
		assertThat(call("getMeter", meterId)).isEqualTo(Map.of("remaining", BigInteger.valueOf(1005), "threshold",
				BigInteger.valueOf(20)));
		Object unlimited = call("createUnlimitedMeter");
		call("addMeterRemaining", unlimited, BigInteger.valueOf(5));
		assertThat(call("getMeter", unlimited)).isEqualTo(Map.of("remaining", "unlimited", "threshold", BigInteger.ZERO));
	}

	@Test
	void meterArithmeticRefusesNegativesNumbersAndUnknownMeters() {
		assertThatThrownBy(() -> call("createMeter", BigInteger.valueOf(-1), BigInteger.ONE))
			.isInstanceOf(DeviceException.class)
			.hasMessageContaining("negative");
		assertThatThrownBy(() -> call("createMeter", 5L, BigInteger.ONE)).isInstanceOf(DeviceException.class)
			.hasMessageContaining("createMeter() remaining must be a bigint");
		assertThatThrownBy(() -> call("getMeter", "m99")).hasMessageContaining("unknown meterID m99");
	}

	@Test
	void aBundlecapIsOneNodePerInstalledBundle() {
		assertThat(call("getBundleCap", BUNDLE_ID)).isSameAs(Passable.UNDEFINED);
		new BundleStore(rules.jdbc).add(BUNDLE_ID, "{\"moduleFormat\":\"endoZipBase64\"}");
		Passable.Ref cap = (Passable.Ref) call("getBundleCap", BUNDLE_ID);
		assertThat(call("getBundleCap", BUNDLE_ID)).isEqualTo(cap);
		String node = this.store.node(org.vatkernel.model.KernelRef.of(cap.slot())).orElseThrow().node();
		assertThat(node).isEqualTo("d+1");
		assertThat(this.device.invoke(node, "getBundleID", List.of(), this.hooks)).isEqualTo(BUNDLE_ID);
		assertThat(this.device.invoke(node, "getBundle", List.of(), this.hooks))
			.isEqualTo(Map.of("moduleFormat", "endoZipBase64"));
		assertThatThrownBy(() -> this.device.invoke(node, "evaluate", List.of(), this.hooks))
			.hasMessage("bundlecap[evaluate] does not exist");
		assertThatThrownBy(() -> call("getBundleCap", "b1-short")).hasMessageContaining("not a bundleID");
		assertThatThrownBy(() -> call("getNamedBundleCap", "nosuch")).hasMessage("unregistered bundle name 'nosuch'");
	}

	@Test
	void creationSplitsOffVatParametersAndDropsUndefinedOptions() {
		new BundleStore(rules.jdbc).add(BUNDLE_ID, "{}");
		Map<String, Object> options = new java.util.LinkedHashMap<>();
		options.put("name", "alpha");
		options.put("meterID", Passable.UNDEFINED);
		options.put("vatParameters", Map.of("friend", new Passable.Ref("ko30", "Alleged: friend")));
		assertThat(call("createByBundleID", BUNDLE_ID, options)).isEqualTo("v77");
		assertThat(this.hooks.created).isEqualTo(BUNDLE_ID + " #{\"friend\":\"$0.Alleged: friend\"} [ko30] {name=alpha}");
		assertThatThrownBy(() -> call("createByBundleID", "b1-" + "cd".repeat(64), Map.of()))
			.hasMessageContaining("is not installed");
		assertThat(call("upgradeVat", "v77", BUNDLE_ID, Map.of("n", BigInteger.ONE), "new code")).isEqualTo("up1");
		assertThat(this.hooks.upgraded).isEqualTo("v77 " + BUNDLE_ID + " #{\"n\":\"+1\"} new code");
		assertThatThrownBy(() -> call("upgradeVat", "v77", BUNDLE_ID, Passable.UNDEFINED))
			.hasMessageContaining("upgradeVat() args length 3");
	}

	private @Nullable Object call(String method, Object... args) {
		return this.device.invoke(DeviceNodes.ROOT, method, List.of(args), this.hooks);
	}

	/** Stands in for the crank, which this rule test has none of: records what the device asked. */
	private static final class RecordingHooks implements KernelHooks {

		String created;

		String upgraded;

		@Override
		public String upgradeVat(VatId vatId, String bundleId, CapData vatParameters, String upgradeMessage) {
			this.upgraded = vatId + " " + bundleId + " " + vatParameters.body() + " " + upgradeMessage;
			return "up1";
		}

		@Override
		public VatId createVat(String bundleId, CapData vatParameters, Map<String, @Nullable Object> dynamicOptions) {
			this.created = bundleId + " " + vatParameters.body() + " " + vatParameters.slots() + " " + dynamicOptions;
			return VatId.of("v77");
		}

		@Override
		public String installBundle(String bundleJson) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void terminateVat(VatId vatId, CapData reason) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void changeVatOptions(VatId vatId, Map<String, @Nullable Object> options) {
			throw new UnsupportedOperationException();
		}

	}

}
