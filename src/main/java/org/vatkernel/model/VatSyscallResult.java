package org.vatkernel.model;

import org.jspecify.annotations.Nullable;

/**
 * What the kernel answers to a syscall: {@code ["ok", data]} or {@code ["error", problem]}.
 * {@code data} is null, a string (vatstore reads) or capdata ({@code callNow}).
 */
public record VatSyscallResult(boolean success, @Nullable Object data, @Nullable String problem) {

	private static final VatSyscallResult OK_NULL = new VatSyscallResult(true, null, null);

	public VatSyscallResult {
		if (data != null && !(data instanceof String) && !(data instanceof CapData)) {
			throw new IllegalArgumentException("syscall result data must be null, a string or capdata");
		}
	}

	public static VatSyscallResult ok() {
		return OK_NULL;
	}

	public static VatSyscallResult ok(@Nullable String data) {
		return new VatSyscallResult(true, data, null);
	}

	public static VatSyscallResult ok(CapData data) {
		return new VatSyscallResult(true, data, null);
	}

	public static VatSyscallResult error(String problem) {
		return new VatSyscallResult(false, null, problem);
	}

}
