package org.vatkernel.kernel.crank;

import org.vatkernel.model.CapData;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An item on the acceptance or run queue, in kernel space (krefs), stored as SwingSet's JSON
 * shapes: {@code {type:"send",target,msg}}, {@code {type:"notify",vatID,kpid}},
 * {@code {type:"startVat",vatID,vatParameters}},
 * {@code {type:"create-vat",vatID,source:{bundleID},vatParameters,dynamicOptions}}.
 */
public sealed interface KernelEvent {

	record Send(KernelRef target, VatMessage msg) implements KernelEvent {
	}

	record Notify(VatId vatId, KernelRef kpid) implements KernelEvent {
	}

	record StartVat(VatId vatId, CapData vatParameters) implements KernelEvent {
	}

	/**
	 * SwingSet's {@code create-vat}: a vat vatAdmin asked for, created and started in one crank.
	 * @param dynamicOptions the options vatAdmin converted (plain JSON: name, meterID, critical…)
	 * @param parent the vat that asked vatAdmin, when the kernel can tell (vatkernel's addition)
	 */
	record CreateVat(VatId vatId, String bundleId, CapData vatParameters, JsonNode dynamicOptions,
			@org.jspecify.annotations.Nullable VatId parent) implements KernelEvent {
	}

	/**
	 * SwingSet's {@code upgrade-vat}: a new incarnation of the vat with another bundle, in one crank.
	 * @param requestedBy who asked ({@code vat v1}, {@code operator alice}), when the kernel can tell
	 */
	record UpgradeVat(VatId vatId, String upgradeId, String bundleId, CapData vatParameters, String upgradeMessage,
			@org.jspecify.annotations.Nullable String requestedBy) implements KernelEvent {
	}

	/** A {@code bringOutYourDead} that is due; with {@code snapshot}, a heap snapshot follows it. */
	record BringOutYourDead(VatId vatId, boolean snapshot) implements KernelEvent {
	}

	static String toJson(KernelEvent event) {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		if (event instanceof Send send) {
			node.put("type", "send").put("target", send.target().value()).set("msg", VatProtocolJson.encodeMessage(send.msg()));
		}
		else if (event instanceof Notify notify) {
			node.put("type", "notify").put("vatID", notify.vatId().value()).put("kpid", notify.kpid().value());
		}
		else if (event instanceof StartVat start) {
			node.put("type", "startVat")
				.put("vatID", start.vatId().value())
				.set("vatParameters", VatProtocolJson.encodeCapData(start.vatParameters()));
		}
		else if (event instanceof CreateVat create) {
			node.put("type", "create-vat").put("vatID", create.vatId().value());
			node.putObject("source").put("bundleID", create.bundleId());
			node.set("vatParameters", VatProtocolJson.encodeCapData(create.vatParameters()));
			node.set("dynamicOptions", create.dynamicOptions());
			if (create.parent() != null) {
				node.put("parentVatID", create.parent().value());
			}
		}
		else if (event instanceof UpgradeVat upgrade) {
			node.put("type", "upgrade-vat")
				.put("vatID", upgrade.vatId().value())
				.put("upgradeID", upgrade.upgradeId())
				.put("bundleID", upgrade.bundleId());
			node.set("vatParameters", VatProtocolJson.encodeCapData(upgrade.vatParameters()));
			node.put("upgradeMessage", upgrade.upgradeMessage());
			if (upgrade.requestedBy() != null) {
				node.put("requestedBy", upgrade.requestedBy());
			}
		}
		else if (event instanceof BringOutYourDead boyd) {
			node.put("type", "bringOutYourDead").put("vatID", boyd.vatId().value()).put("snapshot", boyd.snapshot());
		}
		return VatProtocolJson.write(node);
	}

	static KernelEvent fromJson(String json) {
		JsonNode node = VatProtocolJson.parse(json);
		return switch (node.path("type").asString("")) {
			case "send" -> new Send(KernelRef.of(node.path("target").stringValue()), VatProtocolJson.message(node.get("msg")));
			case "notify" -> new Notify(VatId.of(node.path("vatID").stringValue()), KernelRef.of(node.path("kpid").stringValue()));
			case "startVat" -> new StartVat(VatId.of(node.path("vatID").stringValue()),
					VatProtocolJson.capData(node.get("vatParameters")));
			case "create-vat" -> new CreateVat(VatId.of(node.path("vatID").stringValue()),
					node.path("source").path("bundleID").stringValue(), VatProtocolJson.capData(node.get("vatParameters")),
					node.get("dynamicOptions"),
					node.path("parentVatID").isString() ? VatId.of(node.path("parentVatID").stringValue()) : null);
			case "upgrade-vat" -> new UpgradeVat(VatId.of(node.path("vatID").stringValue()),
					node.path("upgradeID").stringValue(), node.path("bundleID").stringValue(),
					VatProtocolJson.capData(node.get("vatParameters")), node.path("upgradeMessage").stringValue(),
					node.path("requestedBy").isString() ? node.path("requestedBy").stringValue() : null);
			case "bringOutYourDead" -> new BringOutYourDead(VatId.of(node.path("vatID").stringValue()),
					node.path("snapshot").asBoolean(false));
			default -> throw new IllegalStateException("unknown queue item " + json);
		};
	}

}
