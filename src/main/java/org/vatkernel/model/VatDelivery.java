package org.vatkernel.model;

import java.util.List;
import java.util.Objects;

/**
 * A delivery from the kernel to a vat, in vat space (vrefs), as liveslots accepts it. The JSON
 * form is the VatDeliveryObject of SwingSet's supervisor protocol.
 */
public sealed interface VatDelivery {

	/** The tag in the JSON array, e.g. {@code message}. */
	String type();

	record StartVat(CapData vatParameters) implements VatDelivery {
		public String type() {
			return "startVat";
		}
	}

	record Message(String target, VatMessage message) implements VatDelivery {
		public Message {
			Objects.requireNonNull(target, "target");
			Objects.requireNonNull(message, "message");
		}

		public String type() {
			return "message";
		}
	}

	record Notify(List<Resolution> resolutions) implements VatDelivery {
		public Notify {
			resolutions = List.copyOf(resolutions);
		}

		public String type() {
			return "notify";
		}
	}

	record DropExports(List<String> vrefs) implements VatDelivery {
		public DropExports {
			vrefs = List.copyOf(vrefs);
		}

		public String type() {
			return "dropExports";
		}
	}

	record RetireExports(List<String> vrefs) implements VatDelivery {
		public RetireExports {
			vrefs = List.copyOf(vrefs);
		}

		public String type() {
			return "retireExports";
		}
	}

	record RetireImports(List<String> vrefs) implements VatDelivery {
		public RetireImports {
			vrefs = List.copyOf(vrefs);
		}

		public String type() {
			return "retireImports";
		}
	}

	record BringOutYourDead() implements VatDelivery {
		public String type() {
			return "bringOutYourDead";
		}
	}

}
