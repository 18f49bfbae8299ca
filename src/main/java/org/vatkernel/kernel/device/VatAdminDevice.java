package org.vatkernel.kernel.device;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vatkernel.model.CapData;
import org.vatkernel.model.Passable;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.BundleStore;
import org.vatkernel.state.DeviceStore;
import org.vatkernel.state.KernelStateStore;
import org.vatkernel.state.MeterStore;

/**
 * SwingSet's vatAdmin device ({@code device-vat-admin.js} with the kernel's endowments): meters,
 * vat creation, termination and option changes through {@link KernelHooks}, and bundlecaps —
 * one device node per installed bundle asked for, answering {@code getBundleID} and
 * {@code getBundle}. Only SwingSet's vatAdmin vat holds its root. Its state ({@code nextDev},
 * {@code id.<bundleID>}, {@code slot.<node>}, {@code namedBundleID.<name>}) is in the kernel DB.
 */
@Component
public class VatAdminDevice implements Device {

	public static final String NAME = "vatAdmin";

	private static final Pattern BUNDLE_ID = Pattern.compile("^b1-[0-9a-f]{128}$");

	private static final Pattern VAT_ID = Pattern.compile("^v[0-9]+$");

	private static final String NEXT_NODE = "nextDev";

	private final DeviceStore store;

	private final DeviceNodes nodes;

	private final BundleStore bundles;

	private final MeterStore meters;

	private final KernelStateStore state;

	VatAdminDevice(DeviceStore store, DeviceNodes nodes, BundleStore bundles, MeterStore meters, KernelStateStore state) {
		this.store = store;
		this.nodes = nodes;
		this.bundles = bundles;
		this.meters = meters;
		this.state = state;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean keepsObjects() {
		return false;
	}

	/** The key under which a config's named bundle is recorded. */
	public static String namedBundleKey(String name) {
		return "namedBundleID." + name;
	}

	@Override
	public @Nullable Object invoke(String node, String method, List<@Nullable Object> args, KernelHooks hooks) {
		if (!DeviceNodes.ROOT.equals(node)) {
			return invokeBundlecap(node, method);
		}
		return switch (method) {
			case "createMeter" -> {
				BigInteger remaining = nat(bigint(Device.arg(args, 0), "createMeter() remaining"));
				BigInteger threshold = nat(bigint(Device.arg(args, 1), "createMeter() threshold"));
				yield createMeter(remaining, threshold);
			}
			case "createUnlimitedMeter" -> createMeter(null, BigInteger.ZERO);
			case "addMeterRemaining" -> {
				MeterStore.Meter meter = meter(string(Device.arg(args, 0), "addMeterRemaining() meterID"));
				BigInteger delta = nat(bigint(Device.arg(args, 1), "addMeterRemaining() delta"));
				if (!meter.unlimited()) {
					this.meters.update(new MeterStore.Meter(meter.meterId(), meter.remaining().add(delta), meter.threshold()));
				}
				yield Passable.UNDEFINED;
			}
			case "setMeterThreshold" -> {
				MeterStore.Meter meter = meter(string(Device.arg(args, 0), "setMeterThreshold() meterID"));
				BigInteger threshold = nat(bigint(Device.arg(args, 1), "setMeterThreshold() threshold"));
				this.meters.update(new MeterStore.Meter(meter.meterId(), meter.remaining(), threshold));
				yield Passable.UNDEFINED;
			}
			case "getMeter" -> {
				MeterStore.Meter meter = meter(string(Device.arg(args, 0), "getMeter() meterID"));
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("remaining", meter.unlimited() ? "unlimited" : meter.remaining());
				result.put("threshold", meter.threshold());
				yield result;
			}
			case "createByBundle" -> {
				Object bundle = Device.arg(args, 0);
				String bundleJson;
				try {
					bundleJson = VatProtocolJson.write(Passable.toJson(bundle));
				}
				catch (IllegalArgumentException ex) {
					throw new DeviceException("createByBundle() bundle is not a bundle: " + ex.getMessage());
				}
				String bundleId = hooks.installBundle(bundleJson);
				yield createVat(bundleId, Device.arg(args, 1), hooks);
			}
			case "createByBundleID" -> {
				String bundleId = string(Device.arg(args, 0), "createByBundleID() bundleID");
				if (this.bundles.find(bundleId).isEmpty()) {
					throw new DeviceException("createByBundleID() bundle " + bundleId + " is not installed");
				}
				yield createVat(bundleId, Device.arg(args, 1), hooks);
			}
			case "upgradeVat" -> {
				if (args.size() != 4) {
					throw new DeviceException("upgradeVat() args length " + args.size());
				}
				VatId vatId = vatId(Device.arg(args, 0), "upgradeVat() vatID");
				String bundleId = string(Device.arg(args, 1), "upgradeVat() bundleID");
				String upgradeMessage = string(Device.arg(args, 3), "upgradeVat() upgradeMessage");
				yield hooks.upgradeVat(vatId, bundleId, Passable.encode(Device.arg(args, 2)), upgradeMessage);
			}
			case "terminateWithFailure" -> {
				if (args.size() != 2) {
					throw new DeviceException("terminateWithFailure() args length " + args.size());
				}
				VatId vatId = vatId(Device.arg(args, 0), "terminateWithFailure() vatID");
				hooks.terminateVat(vatId, Passable.encode(Device.arg(args, 1)));
				yield Passable.UNDEFINED;
			}
			case "changeOptions" -> {
				if (args.size() != 2) {
					throw new DeviceException("changeOptions() args length " + args.size());
				}
				VatId vatId = vatId(Device.arg(args, 0), "changeOptions() vatID");
				hooks.changeVatOptions(vatId, record(Device.arg(args, 1), "changeOptions() options"));
				yield Passable.UNDEFINED;
			}
			case "getBundleCap" -> {
				String bundleId = string(Device.arg(args, 0), "getBundleCap() bundleID");
				if (!BUNDLE_ID.matcher(bundleId).matches()) {
					throw new DeviceException("getBundleCap() not a bundleID: " + bundleId);
				}
				yield capForBundleId(bundleId);
			}
			case "getNamedBundleCap" -> capForBundleId(namedBundleId(string(Device.arg(args, 0), "getNamedBundleCap() name")));
			case "getBundleIDByName" -> namedBundleId(string(Device.arg(args, 0), "getBundleIDByName() name"));
			default -> throw new DeviceException("target[" + method + "] does not exist");
		};
	}

	private @Nullable Object invokeBundlecap(String node, String method) {
		String bundleId = this.store.get(NAME, "slot." + node)
			.orElseThrow(() -> new DeviceException("unknown device node " + node + ", shouldn't happen"));
		return switch (method) {
			case "getBundleID" -> bundleId;
			case "getBundle" -> Passable.fromJson(VatProtocolJson.parse(this.bundles.find(bundleId)
				.orElseThrow(() -> new DeviceException("bundle " + bundleId + " is no longer installed"))));
			default -> throw new DeviceException("bundlecap[" + method + "] does not exist");
		};
	}

	/**
	 * SwingSet's {@code createByBundle}/{@code createByID} hooks: the options record's
	 * {@code vatParameters} becomes the new vat's parameters (with its slots), the rest its
	 * dynamic options.
	 */
	private String createVat(String bundleId, @Nullable Object options, KernelHooks hooks) {
		Map<String, @Nullable Object> dynamicOptions = new LinkedHashMap<>(record(options, "create options"));
		Object vatParameters = dynamicOptions.remove("vatParameters");
		dynamicOptions.values().removeIf(v -> v == Passable.UNDEFINED);
		return hooks.createVat(bundleId, Passable.encode(vatParameters == null ? Passable.UNDEFINED : vatParameters),
				dynamicOptions).value();
	}

	private String createMeter(@Nullable BigInteger remaining, BigInteger threshold) {
		String meterId = "m" + this.state.allocate("meter");
		this.meters.insert(new MeterStore.Meter(meterId, remaining, threshold));
		return meterId;
	}

	private MeterStore.Meter meter(String meterId) {
		return this.meters.find(meterId).orElseThrow(() -> new DeviceException("unknown meterID " + meterId));
	}

	/** SwingSet's {@code returnCapForBundleID}: the bundle's node, or undefined if it is not installed. */
	private Object capForBundleId(String bundleId) {
		String key = "id." + bundleId;
		String node = this.store.get(NAME, key).orElse(null);
		if (node == null) {
			if (this.bundles.find(bundleId).isEmpty()) {
				return Passable.UNDEFINED;
			}
			long next = Long.parseLong(this.store.get(NAME, NEXT_NODE).orElse("1"));
			this.store.set(NAME, NEXT_NODE, Long.toString(next + 1));
			node = "d+" + next;
			this.store.set(NAME, key, node);
			this.store.set(NAME, "slot." + node, bundleId);
		}
		return new Passable.Ref(this.nodes.node(NAME, node).value(), "Alleged: device node");
	}

	private String namedBundleId(String name) {
		return this.store.get(NAME, namedBundleKey(name))
			.orElseThrow(() -> new DeviceException("unregistered bundle name '" + name + "'"));
	}

	private static BigInteger bigint(@Nullable Object value, String what) {
		if (value instanceof BigInteger big) {
			return big;
		}
		throw new DeviceException(what + " must be a bigint, not " + value);
	}

	private static BigInteger nat(BigInteger value) {
		if (value.signum() < 0) {
			throw new DeviceException(value + " is negative");
		}
		return value;
	}

	private static String string(@Nullable Object value, String what) {
		if (value instanceof String s) {
			return s;
		}
		throw new DeviceException(what + " must be a string, not " + value);
	}

	private static VatId vatId(@Nullable Object value, String what) {
		String s = string(value, what);
		if (!VAT_ID.matcher(s).matches()) {
			throw new DeviceException(what + " is not a vat id: " + s);
		}
		return VatId.of(s);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> record(@Nullable Object value, String what) {
		if (value instanceof Map<?, ?> map) {
			return (Map<String, @Nullable Object>) map;
		}
		throw new DeviceException(what + " must be a record, not " + value);
	}

}
