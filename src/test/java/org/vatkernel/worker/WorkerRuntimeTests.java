package org.vatkernel.worker;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A missing or unusable runtime stops start-up with one message that names the path. */
class WorkerRuntimeTests {

	@TempDir
	Path dir;

	@Test
	void loadsTheBuiltRuntime() {
		WorkerRuntime runtime = WorkerRuntime.load(TestVats.properties());
		assertThat(runtime.lockdown().bundleId()).startsWith("b0-").hasSize(67);
		assertThat(runtime.supervisor().source()).isNotBlank();
	}

	@Test
	void missingBinaryNamesThePath() {
		Path missing = this.dir.resolve("no-such-xsnap");
		assertThatThrownBy(() -> WorkerRuntime.load(TestVats.properties().withXsnap(missing)))
			.isInstanceOf(WorkerRuntimeMissingException.class)
			.hasMessageContaining(missing.toString())
			.hasMessageContaining("kernel.worker.xsnap")
			.hasMessageContaining("does not exist");
	}

	@Test
	void nonExecutableBinaryNamesThePath() throws Exception {
		Path plain = Files.writeString(this.dir.resolve("xsnap-worker"), "not a program");
		assertThatThrownBy(() -> WorkerRuntime.load(TestVats.properties().withXsnap(plain)))
			.isInstanceOf(WorkerRuntimeMissingException.class)
			.hasMessageContaining(plain.toString())
			.hasMessageContaining("is not executable");
	}

	@Test
	void missingBundlesNameThePath() {
		Path emptyRuntime = this.dir.resolve("runtime");
		WorkerProperties properties = WorkerProperties.forRuntime(emptyRuntime)
			.withXsnap(TestVats.properties().xsnap());
		assertThatThrownBy(() -> WorkerRuntime.load(properties)).isInstanceOf(WorkerRuntimeMissingException.class)
			.hasMessageContaining("kernel.worker.lockdown-bundle")
			.hasMessageContaining(emptyRuntime.toAbsolutePath().resolve("node_modules").toString());
	}

	@Test
	void bundleThatIsNotNestedEvaluateIsRefused() throws Exception {
		Path bundle = Files.writeString(this.dir.resolve("lockdown.bundle"), "{\"moduleFormat\":\"endoZipBase64\"}");
		WorkerProperties p = TestVats.properties();
		WorkerProperties properties = new WorkerProperties(p.runtimeDir(), p.xsnap(), bundle, p.supervisorBundle(),
				p.computeLimit(), p.maxFrameBytes(), p.deliveryTimeout(), p.shutdownGrace(), p.stderrTailLines(),
				p.spareWorkers(), p.bootSnapshot());
		assertThatThrownBy(() -> WorkerRuntime.load(properties)).hasMessageContaining("is not a nestedEvaluate bundle");
	}

	@Test
	void applicationContextFailsToStartWithoutTheRuntime() {
		new ApplicationContextRunner()
			.withBean(WorkerProperties.class, () -> WorkerProperties.forRuntime(this.dir.resolve("nothing-here")))
			.withBean(WorkerManager.class)
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(WorkerRuntimeMissingException.class)
				.hasMessageContaining("nothing-here"));
	}

}
