package org.vatkernel.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A syscall from a vat to the kernel, in vat space, as liveslots issues it. A syscall whose
 * JSON does not have one of the known shapes arrives as {@link Unrecognized}, so that the
 * kernel, not the worker layer, decides what an illegal syscall costs the vat.
 */
public sealed interface VatSyscall {

	String type();

	record Send(String target, VatMessage message) implements VatSyscall {
		public String type() {
			return "send";
		}
	}

	record Subscribe(String promise) implements VatSyscall {
		public String type() {
			return "subscribe";
		}
	}

	record Resolve(List<Resolution> resolutions) implements VatSyscall {
		public Resolve {
			resolutions = List.copyOf(resolutions);
		}

		public String type() {
			return "resolve";
		}
	}

	record Exit(boolean isFailure, CapData info) implements VatSyscall {
		public String type() {
			return "exit";
		}
	}

	record VatstoreGet(String key) implements VatSyscall {
		public String type() {
			return "vatstoreGet";
		}
	}

	record VatstoreGetNextKey(String priorKey) implements VatSyscall {
		public String type() {
			return "vatstoreGetNextKey";
		}
	}

	record VatstoreSet(String key, String value) implements VatSyscall {
		public String type() {
			return "vatstoreSet";
		}
	}

	record VatstoreDelete(String key) implements VatSyscall {
		public String type() {
			return "vatstoreDelete";
		}
	}

	record DropImports(List<String> vrefs) implements VatSyscall {
		public DropImports {
			vrefs = List.copyOf(vrefs);
		}

		public String type() {
			return "dropImports";
		}
	}

	record RetireImports(List<String> vrefs) implements VatSyscall {
		public RetireImports {
			vrefs = List.copyOf(vrefs);
		}

		public String type() {
			return "retireImports";
		}
	}

	record RetireExports(List<String> vrefs) implements VatSyscall {
		public RetireExports {
			vrefs = List.copyOf(vrefs);
		}

		public String type() {
			return "retireExports";
		}
	}

	record AbandonExports(List<String> vrefs) implements VatSyscall {
		public AbandonExports {
			vrefs = List.copyOf(vrefs);
		}

		public String type() {
			return "abandonExports";
		}
	}

	record CallNow(String target, String method, CapData args) implements VatSyscall {
		public String type() {
			return "callNow";
		}
	}

	/** A syscall whose JSON is not any known shape: the kernel treats it as illegal. */
	record Unrecognized(String json, String problem) implements VatSyscall {
		public String type() {
			return "unrecognized";
		}
	}

	/** The JSON tag for a known syscall, or null. */
	static @Nullable String knownTag(String tag) {
		return switch (tag) {
			case "send", "subscribe", "resolve", "exit", "vatstoreGet", "vatstoreGetNextKey", "vatstoreSet",
					"vatstoreDelete", "dropImports", "retireImports", "retireExports", "abandonExports", "callNow" ->
				tag;
			default -> null;
		};
	}

}
