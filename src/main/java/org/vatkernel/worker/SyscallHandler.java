package org.vatkernel.worker;

import java.util.List;

import org.vatkernel.model.VatSyscall;
import org.vatkernel.model.VatSyscallResult;

/**
 * Executes a vat's syscalls while its delivery is in flight, synchronously and in order. An
 * exception thrown here is a kernel bug: the worker is killed (its heap is mid-delivery) and the
 * exception reaches the caller as a {@link SyscallHandlerException}.
 */
@FunctionalInterface
public interface SyscallHandler {

	VatSyscallResult handle(VatSyscall syscall);

	/** Lines the vat wrote with {@code vatPowers.testLog}, in order. */
	default void testLog(List<String> lines) {
	}

}
