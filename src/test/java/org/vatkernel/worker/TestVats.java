package org.vatkernel.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vatkernel.model.CapData;
import org.vatkernel.model.VatDelivery;
import org.vatkernel.model.VatMessage;
import org.vatkernel.model.VatSyscall;
import org.vatkernel.model.VatSyscallResult;

/** Fixtures for tests that run real workers: bundles built from src/test/vats, messages, handlers. */
public final class TestVats {

	/** Where the build bundles src/test/vats (Surefire passes it; the default fits an IDE run). */
	public static final Path BUNDLES = Path
		.of(System.getProperty("vatkernel.test-bundles", "target/test-bundles"));

	public static final Path RUNTIME = Path.of("target/worker-runtime");

	private TestVats() {
	}

	public static WorkerProperties properties() {
		return WorkerProperties.forRuntime(RUNTIME);
	}

	public static String bundle(String name) {
		try {
			return Files.readString(BUNDLES.resolve(name + ".bundle"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("test bundle " + name + " missing: run ./mvnw generate-test-resources", ex);
		}
	}

	public static VatDelivery.StartVat startVat() {
		return new VatDelivery.StartVat(CapData.of("#{}"));
	}

	/** A message to the root object {@code o+0} with smallcaps-encoded string arguments. */
	public static VatDelivery.Message call(String method, String resultVpid, String... args) {
		StringBuilder body = new StringBuilder("#[\"").append(method).append("\",[");
		for (int i = 0; i < args.length; i++) {
			body.append(i > 0 ? "," : "").append('"').append(args[i]).append('"');
		}
		body.append("]]");
		return new VatDelivery.Message("o+0", new VatMessage(CapData.of(body.toString()), resultVpid));
	}

	/** A handler that answers every syscall with ok/null and records what it saw. */
	public static final class RecordingHandler implements SyscallHandler {

		public final List<VatSyscall> syscalls = new ArrayList<>();

		public final List<String> testLog = new ArrayList<>();

		@Override
		public VatSyscallResult handle(VatSyscall syscall) {
			this.syscalls.add(syscall);
			return VatSyscallResult.ok();
		}

		@Override
		public void testLog(List<String> lines) {
			this.testLog.addAll(lines);
		}

		public List<VatSyscall.Resolve> resolves() {
			return this.syscalls.stream()
				.filter(VatSyscall.Resolve.class::isInstance)
				.map(VatSyscall.Resolve.class::cast)
				.toList();
		}

	}

	/** Writes an executable shell script that stands in for xsnap-worker (for paths xsnap cannot take). */
	public static Path script(Path dir, String name, String body) {
		try {
			Path file = dir.resolve(name);
			Files.writeString(file, "#!/bin/sh\n" + body + "\n");
			file.toFile().setExecutable(true);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
