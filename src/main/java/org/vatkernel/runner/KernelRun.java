package org.vatkernel.runner;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.vatkernel.kernel.CrankListeners;
import org.vatkernel.kernel.HaltReason;
import org.vatkernel.kernel.KernelHaltedException;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.KernelState;
import org.vatkernel.kernel.PromiseView;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.PromiseState;
import org.vatkernel.model.SmallCaps;
import org.vatkernel.state.TestLogStore;

/**
 * {@code java -jar vatkernel.jar run CONFIG}: applies the config to a fresh in-memory H2 DB, runs
 * crank by crank until no work is left (or a limit), prints every test log line as its crank
 * commits, then the bootstrap result and a summary. Exit codes: 0 the bootstrap promise
 * fulfilled (or there is no bootstrap vat), 1 it rejected or never settled, 2 the kernel halted,
 * 3 bad input (arguments, config, a vat that does not bundle: nothing ran).
 */
public final class KernelRun {

	public static final int FULFILLED = 0;

	public static final int NOT_FULFILLED = 1;

	public static final int HALTED = 2;

	public static final int BAD_INPUT = 3;

	/** Test log lines read per query while following the log. */
	private static final int PAGE = 500;

	private final PrintStream out;

	private final PrintStream err;

	private KernelRun(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs {@code args} (what follows {@code run} on the command line) with the application
	 * class {@code source}; returns the exit code.
	 */
	public static int run(Class<?> source, List<String> args, PrintStream out, PrintStream err) {
		return new KernelRun(out, err).run(source, args);
	}

	private int run(Class<?> source, List<String> args) {
		RunArguments arguments;
		try {
			arguments = RunArguments.parse(args);
		}
		catch (RunArguments.BadArguments ex) {
			this.err.println("vatkernel run: " + ex.getMessage());
			return BAD_INPUT;
		}
		long started = System.nanoTime();
		// Quiet from the first moment: a failure before Spring configures logging (the worker
		// runtime's unpacking) would otherwise print its report block on the terminal.
		if (!arguments.properties().containsKey("logging.level.root")) {
			LoggingSystem.get(KernelRun.class.getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.OFF);
		}
		ConfigurableApplicationContext context;
		try {
			SpringApplication application = new SpringApplication(source);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
			application.setLogStartupInfo(false);
			application.setRegisterShutdownHook(false);
			context = application.run(commandLine(arguments));
		}
		catch (RuntimeException ex) {
			this.err.println("vatkernel run: " + describe(ex));
			return BAD_INPUT;
		}
		try (context) {
			return drive(context, arguments, started);
		}
	}

	/** The kernel's settings for a one-shot run, then the caller's own {@code --name=value}s. */
	private static String[] commandLine(RunArguments arguments) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", "jdbc:h2:mem:vatkernel-run-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		properties.put("kernel.config", arguments.config().toString());
		// The runner steps the kernel itself: nothing runs on its own, and no wall-clock timer polls.
		properties.put("kernel.run-on-start", "false");
		properties.put("kernel.timer-poll-interval", "0s");
		// The terminal is for the vats' test log and the result; --logging.level.root=INFO shows the rest.
		properties.put("logging.level.root", "OFF");
		properties.put("spring.main.log-startup-info", "false");
		if (arguments.slog() != null) {
			properties.put("kernel.slog.file", arguments.slog().toString());
		}
		properties.putAll(arguments.properties());
		return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	private int drive(ConfigurableApplicationContext context, RunArguments arguments, long started) {
		KernelService kernel = context.getBean(KernelService.class);
		Tally tally = new Tally();
		AutoCloseable subscription = context.getBean(CrankListeners.class).add(tally::add);
		long lastSeq = 0;
		String stopped = null;
		try {
			while (true) {
				if (arguments.crankLimit() != null && tally.cranks.get() >= arguments.crankLimit()) {
					stopped = "crank limit " + arguments.crankLimit() + " reached";
					break;
				}
				if (arguments.timeLimit() != null
						&& System.nanoTime() - started >= arguments.timeLimit().toNanos()) {
					stopped = "time limit " + arguments.timeLimit().toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " reached";
					break;
				}
				boolean worked;
				try {
					worked = kernel.step();
				}
				catch (KernelHaltedException ex) {
					worked = false;
				}
				// The crank's lines, before the next crank runs.
				lastSeq = printTestLog(kernel, lastSeq);
				if (!worked) {
					break;
				}
			}
		}
		finally {
			unsubscribe(subscription);
		}
		if (stopped != null) {
			this.out.println("stopped: " + stopped + " (work is left)");
		}
		int code = report(kernel);
		this.out.printf("%d cranks, %d deliveries, %d computrons, %.1f s%n", tally.cranks.get(), tally.deliveries.get(),
				tally.computrons.get(), Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
		return code;
	}

	private static void unsubscribe(AutoCloseable subscription) {
		try {
			subscription.close();
		}
		catch (Exception ex) {
			// removing an entry from the listener list cannot fail
		}
	}

	private long printTestLog(KernelService kernel, long afterSeq) {
		long seq = afterSeq;
		while (true) {
			List<TestLogStore.Line> lines = kernel.testLogAfter(seq, PAGE);
			for (TestLogStore.Line line : lines) {
				this.out.println(line.line());
				seq = line.seq();
			}
			if (lines.size() < PAGE) {
				return seq;
			}
		}
	}

	/** Prints the bootstrap result and the halt, if any; returns the exit code they give. */
	private int report(KernelService kernel) {
		var status = kernel.status();
		PromiseView bootstrap = status.bootstrapResult() == null ? null
				: kernel.promise(KernelRef.of(status.bootstrapResult()));
		boolean rejected = bootstrap != null && bootstrap.state() == PromiseState.REJECTED;
		// The bootstrap result's policy is SwingSet's 'panic': its rejection halts the kernel and
		// rolls back, so the promise stays unresolved and the halt carries the rejection.
		String panic = bootstrap == null ? null : bootstrap.kpid() + ".policy panic: rejected ";
		HaltReason halt = status.haltReason();
		if (status.state() == KernelState.HALTED && halt != null && panic != null && halt.message().startsWith(panic)) {
			String body = halt.message().substring(panic.length());
			this.out.println("bootstrap rejected: " + SmallCaps.errorMessage(body)
				.orElseGet(() -> SmallCaps.decode(body).map(Object::toString).orElse(body)));
			return NOT_FULFILLED;
		}
		if (bootstrap == null) {
			this.out.println("no bootstrap vat");
		}
		else if (bootstrap.state() == PromiseState.FULFILLED) {
			this.out.println("bootstrap fulfilled: " + shown(bootstrap));
		}
		else if (rejected) {
			this.out.println("bootstrap rejected: " + shown(bootstrap));
		}
		else {
			this.out.println("bootstrap unresolved (" + bootstrap.kpid() + ")");
		}
		if (status.state() == KernelState.HALTED && !rejected) {
			this.err.println("vatkernel run: kernel halted"
					+ (halt == null ? "" : " at crank " + halt.crankNumber() + ": " + halt.message()));
			return HALTED;
		}
		return bootstrap == null || bootstrap.state() == PromiseState.FULFILLED ? FULFILLED : NOT_FULFILLED;
	}

	private static String shown(PromiseView promise) {
		if (promise.errorMessage() != null) {
			return promise.errorMessage();
		}
		if (promise.value() != null) {
			return promise.value().toString();
		}
		return promise.resolution() == null ? "" : promise.resolution().body();
	}

	/**
	 * A start-up failure in a line or two: the failure report an operator would get (description
	 * and action), else the innermost cause's message.
	 */
	static String describe(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(KernelRun.class.getClassLoader())
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null && analyzer.getClass().getName().startsWith("org.vatkernel.")) {
				return oneLine(analysis.getDescription())
						+ (analysis.getAction() == null ? "" : System.lineSeparator() + oneLine(analysis.getAction()));
			}
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return oneLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
	}

	private static String oneLine(@Nullable String text) {
		return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
	}

	/** Counts from the committed cranks (the crank listener runs on the kernel thread). */
	private static final class Tally {

		final AtomicLong cranks = new AtomicLong();

		final AtomicLong deliveries = new AtomicLong();

		final AtomicLong computrons = new AtomicLong();

		void add(org.vatkernel.kernel.CrankFinished crank) {
			this.cranks.incrementAndGet();
			if ("delivered".equals(crank.kind())) {
				this.deliveries.incrementAndGet();
			}
			this.computrons.addAndGet(crank.computrons());
		}

	}

}
