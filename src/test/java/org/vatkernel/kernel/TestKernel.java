package org.vatkernel.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vatkernel.VatKernelApplication;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.VatId;
import org.vatkernel.state.StateHashStore;
import org.vatkernel.testdb.TestDatabase;

/**
 * A whole kernel application started in the test JVM, for tests that compare two kernels
 * (with and without evictions, faults…) running the same workload.
 */
public final class TestKernel implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private TestKernel(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts on a fresh DB ({@link TestDatabase}) with the config and extra properties; no web server. */
	public static TestKernel start(Path config, String... properties) {
		return start(WebApplicationType.NONE, config, properties);
	}

	/** The same with the HTTP API on a random port ({@link #port()}). */
	public static TestKernel startWithHttp(Path config, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("server.port=0");
		return start(WebApplicationType.SERVLET, config, all.toArray(String[]::new));
	}

	/** Starts with extra configuration classes (e.g. a benchmark's instrumentation). */
	public static TestKernel startWith(Class<?>[] extraSources, Path config, String... properties) {
		return start(WebApplicationType.NONE, extraSources, config, properties);
	}

	private static TestKernel start(WebApplicationType web, Path config, String... properties) {
		return start(web, new Class<?>[0], config, properties);
	}

	private static TestKernel start(WebApplicationType web, Class<?>[] extraSources, Path config,
			String... properties) {
		List<String> args = new ArrayList<>(List.of("--kernel.config=" + config, "--spring.main.banner-mode=off"));
		if (Arrays.stream(properties).noneMatch(p -> p.startsWith("spring.datasource.url="))) {
			args.add("--spring.datasource.url=" + TestDatabase.freshUrl());
		}
		for (String property : properties) {
			args.add("--" + property);
		}
		// Command-line arguments, so that they win over application.yml.
		return new TestKernel(
				new SpringApplicationBuilder(VatKernelApplication.class).sources(extraSources)
					.web(web)
					.run(args.toArray(String[]::new)));
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	public KernelService kernel() {
		return bean(KernelService.class);
	}

	public void awaitIdle() {
		TestConfigs.awaitIdle(bean(KernelRunner.class));
	}

	public String stateHash() {
		return bean(StateHashStore.class).stateHash();
	}

	/** Sends and waits; returns the result's decoded value as text (or the error message). */
	public String call(String vatId, String method) {
		return call(VatId.of(vatId), method, List.of());
	}

	public String call(VatId vatId, String method) {
		return call(vatId, method, List.of());
	}

	/** The same with plain JSON arguments. */
	public String call(String vatId, String method, List<tools.jackson.databind.JsonNode> args) {
		return call(VatId.of(vatId), method, args);
	}

	public String call(VatId vatId, String method, List<tools.jackson.databind.JsonNode> args) {
		KernelRef kpid = kernel().queueToVatRoot(vatId, method, args);
		awaitIdle();
		PromiseView p = kernel().promise(kpid);
		long deadline = System.currentTimeMillis() + 60_000;
		while (p.state() == PromiseState.UNRESOLVED && System.currentTimeMillis() < deadline) {
			// e.g. a kernel restarting itself after a worker death
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			awaitIdle();
			p = kernel().promise(kpid);
		}
		return p.value() != null ? p.value().toString() : p.state().wireName() + ": " + p.errorMessage();
	}

	/** The id of the vat with that name. */
	public VatId vatId(String name) {
		return kernel().vats().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().vatId();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
