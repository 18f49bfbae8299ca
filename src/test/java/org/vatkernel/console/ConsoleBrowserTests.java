package org.vatkernel.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vatkernel.kernel.KernelRunner;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.KernelState;
import org.vatkernel.kernel.TestConfigs;
import org.vatkernel.kernel.VatQueries;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.security.TestUsers;
import org.vatkernel.worker.TestVats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console in a real browser (Debian's headless Chromium) against the application on a random
 * port with real workers running the demo's vats, plus one named like an injection. In order: a
 * viewer looks and cannot act (no buttons, and the server refuses a forged POST); an operator
 * sends a message and follows its promise, looks up the promise, sees the run queue decoded,
 * installs a bundle and creates a vat, is refused in words; a worker is SIGKILLed and the halt
 * banner shows the vat and signal 9 within two seconds; resume. Screenshots go to
 * {@code target/console-screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

	/** A vat name and a method name that would run script if the console rendered them as HTML. */
	static final String SCRIPT_NAME = "<script>window.__xss=1</script>";

	static final String HTML_METHOD = "<img src=x onerror=window.__xss=2>";

	@DynamicPropertySource
	static void config(DynamicPropertyRegistry registry) throws IOException {
		Path demo = Path.of("demo").toAbsolutePath();
		String json = """
				{
				  "bootstrap": "bootstrap",
				  "pinBootstrapRoot": true,
				  "defaultReapInterval": "never",
				  "vats": {
				    "bootstrap": { "sourceSpec": "%1$s/bootstrap.js" },
				    "greeter": { "sourceSpec": "%1$s/greeter.js", "parameters": { "greeting": "Hello" } },
				    "counter": { "sourceSpec": "%1$s/counter.js" },
				    "%2$s": { "sourceSpec": "%1$s/counter.js" }
				  }
				}
				""".formatted(demo, SCRIPT_NAME.replace("\"", "\\\""));
		Path dir = Files.createTempDirectory("console-config");
		TestConfigs.register(registry, Files.writeString(dir.resolve("config.json"), json));
	}

	@LocalServerPort
	int port;

	@Autowired
	KernelRunner runner;

	@Autowired
	KernelService kernel;

	@Autowired
	VatQueries vats;

	Browser browser;

	/** The counter's count after the operator's increment. */
	int count;

	@BeforeAll
	void start() throws IOException {
		TestConfigs.awaitIdle(this.runner);
		this.browser = new Browser(this.port);
	}

	@AfterAll
	void stop() throws IOException {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	@Order(1)
	void aViewerSeesTheKernelAndTheDemosVatsButNoOperatorButtons() {
		this.browser.signIn(TestUsers.VIEWER.username(), TestUsers.VIEWER.password());
		assertThat(text(".top [data-live=state]")).isEqualTo("RUNNING");
		assertThat(text("main")).contains("Kernel overview").contains("Workers online");
		String overviewVats = text("#overview-vats");
		assertThat(overviewVats).contains("bootstrap").contains("greeter").contains("counter").contains("RUNNING")
			.contains(SCRIPT_NAME);
		// The computron chart names every vat that has run a delivery: bootstrap and the demo's.
		this.browser.waitFor(Duration.ofSeconds(5))
			.until(d -> text("#computron-bars").contains("bootstrap") && text("#computron-bars").contains("greeter")
					&& text("#computron-bars").contains("counter"));
		assertThat(this.browser.driver.findElements(By.cssSelector("form[data-api]"))).isEmpty();

		this.browser.open("/console/vats");
		String table = text("table.grid");
		assertThat(table).contains("bootstrap").contains("greeter").contains("counter").contains("RUNNING");
		// The vat named like a script element is shown as text, not run.
		assertThat(table).contains(SCRIPT_NAME);
		assertThat(this.browser.driver.findElements(By.cssSelector("table script"))).isEmpty();
		assertNoInjectedScriptRan();

		this.browser.open("/console/vats/" + vatId("counter").value());
		assertThat(text("h1")).contains("counter");
		assertThat(this.browser.driver.findElements(By.id("send-form"))).isEmpty();
		assertThat(this.browser.driver.findElements(By.id("terminate-form"))).isEmpty();

		// The server refuses what the page does not offer, token or not.
		String messages = "/api/vats/" + vatId("counter").value() + "/messages";
		long counterDeliveries = this.vats.vat(vatId("counter")).deliveries();
		assertThat(post(messages, "{\"method\":\"increment\",\"args\":[]}", true)).startsWith("403");
		assertThat(post(messages, "{\"method\":\"increment\",\"args\":[]}", false)).startsWith("403");
		assertThat(post("/api/kernel/pause", null, true)).startsWith("403");
		assertThat(this.kernel.status().state()).isEqualTo(KernelState.RUNNING);
		assertThat(this.vats.vat(vatId("counter")).deliveries()).isEqualTo(counterDeliveries);
		this.browser.signOut();
	}

	@Test
	@Order(2)
	void anOperatorSendsAMessageAndSeesItsPromiseFulfilled() {
		this.browser.signIn(TestUsers.OPERATOR.username(), TestUsers.OPERATOR.password());
		assertThat(this.browser.driver.findElements(By.cssSelector("form[data-api='/api/kernel/pause']"))).hasSize(1);
		this.browser.screenshot("overview");

		VatId counter = vatId("counter");
		long deliveries = this.vats.vat(counter).deliveries();
		this.browser.open("/console/vats/" + counter.value());
		// Arguments that are not a JSON array are refused before anything is sent.
		type("send-method", "increment");
		type("send-args", "{not json");
		click("#send-form button[type=submit]");
		assertThat(text("#send-result")).contains("not JSON");
		type("send-args", "{\"a\": 1}");
		click("#send-form button[type=submit]");
		assertThat(text("#send-result")).contains("must be a JSON array");
		assertThat(this.vats.vat(counter).deliveries()).isEqualTo(deliveries);

		type("send-args", "[]");
		click("#send-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(20)).until(d -> text("#send-result").contains("fulfilled"));
		assertThat(text("#send-result")).matches("Result promise kp[0-9]+ fulfilled: [0-9]+ \\(promise page\\)");
		this.count = Integer.parseInt(text("#send-result").replaceAll(".*fulfilled: ([0-9]+).*", "$1"));

		// A request the server refuses shows the API's problem detail: the session's CSRF token is
		// what lets the page's own requests through, and a request without it is refused.
		assertThat(post("/api/vats/" + counter.value() + "/messages", "{\"method\":\"get\",\"args\":[]}", false))
			.startsWith("403");

		// A method name made of HTML: sent, rejected by the vat, and shown as text everywhere.
		type("send-method", HTML_METHOD);
		type("send-args", "[]");
		click("#send-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(20)).until(d -> text("#send-result").contains("rejected"));
		assertThat(text("#send-result")).contains(HTML_METHOD);
		String kpid = text("#send-result").replaceAll("^Result promise (kp[0-9]+).*$", "$1");
		assertNoInjectedScriptRan();

		this.browser.driver.navigate().refresh();
		List<WebElement> entries = this.browser.driver.findElements(By.cssSelector(".transcript > li"));
		// everything before, ours, and the one with the HTML method name
		assertThat(entries).hasSize((int) deliveries + 2);
		WebElement last = entries.get(entries.size() - 1);
		last.findElement(By.tagName("summary")).click();
		assertThat(last.getText()).contains(HTML_METHOD).contains("message");
		assertThat(this.browser.driver.findElements(By.cssSelector(".transcript img"))).isEmpty();
		// The count is durable state: a vatstore key whose value shows on click.
		WebElement key = this.browser.driver.findElements(By.cssSelector(".vatstore details")).stream()
			.filter(d -> d.getText().contains("count"))
			.findFirst()
			.orElseThrow();
		assertThat(key.findElement(By.tagName("pre")).isDisplayed()).isFalse();
		key.findElement(By.tagName("summary")).click();
		assertThat(key.findElement(By.tagName("pre")).getText()).contains(Integer.toString(this.count));
		assertNoInjectedScriptRan();
		this.browser.screenshot("vat");

		// The search box finds the promise; its page shows the rejection decoded.
		type("lookup-id", kpid);
		click(".lookup button");
		this.browser.waitFor(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/console/promises/" + kpid));
		assertThat(text("#promise-state")).isEqualTo("rejected");
		assertThat(text("#promise-resolution")).startsWith("TypeError: target has no method ").contains(HTML_METHOD);
		assertNoInjectedScriptRan();

		// The c-list links each kernel object to its page.
		this.browser.open("/console/vats/" + counter.value());
		click("table.grid a[href*='lookup']");
		this.browser.waitFor(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().matches(".*/console/objects/ko[0-9]+$"));
		assertThat(text("main")).contains("Owner").contains(counter.value());

		this.browser.open("/console/lookup?id=v999");
		assertThat(text("main .problem")).contains("v999");
	}

	@Test
	@Order(3)
	void theRunQueueShowsAPausedKernelsWorkDecoded() {
		this.browser.open("/console");
		click(".overview form[data-api='/api/kernel/pause'] button");
		this.browser.waitFor(Duration.ofSeconds(5)).until(d -> "PAUSED".equals(text(".top [data-live=state]")));
		this.browser.open("/console/vats/" + vatId("greeter").value());
		type("send-method", "greet");
		type("send-args", "[\"browser\"]");
		click("#send-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(5)).until(d -> text("#send-result").contains("unresolved"));
		String kpid = text("#send-result").replaceAll("^.*promise (kp[0-9]+).*$", "$1");
		this.browser.open("/console/queues");
		assertThat(text("main")).contains("greet").contains("\"browser\"");
		this.browser.open("/console");
		click(".overview form[data-api='/api/kernel/resume'] button");
		this.browser.waitFor(Duration.ofSeconds(5)).until(d -> "RUNNING".equals(text(".top [data-live=state]")));
		TestConfigs.awaitIdle(this.runner);
		this.browser.open("/console/promises/" + kpid);
		assertThat(text("#promise-state")).isEqualTo("fulfilled");
		assertThat(text("#promise-resolution")).isEqualTo("\"Hello, browser!\"");
	}

	@Test
	@Order(4)
	void anOperatorInstallsABundleAndCreatesAVatFromIt() throws IOException {
		this.browser.open("/console/bundles");
		int before = this.browser.driver.findElements(By.cssSelector("table.grid tbody tr")).size();
		Path bundle = TestVats.BUNDLES.resolve("tally.bundle").toAbsolutePath();
		this.browser.driver.findElement(By.id("bundle-file")).sendKeys(bundle.toString());
		click("#upload-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(20))
			.until(d -> d.findElements(By.cssSelector("table.grid tbody tr")).size() == before + 1);

		// Refused by the server (the name is taken): the API's problem detail, in words.
		new org.openqa.selenium.support.ui.Select(this.browser.driver.findElement(By.id("create-bundle")))
			.selectByValue(bundleId(bundle));
		type("create-name", "counter");
		type("create-parameters", "{\"name\": \"from-the-console\"}");
		click("#create-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(10)).until(d -> text("#create-form output").contains("409"));
		assertThat(text("#create-form output")).contains("a vat named 'counter' exists already");

		type("create-name", "tally-from-console");
		click("#create-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().matches(".*/console/vats/v[0-9]+$"));
		assertThat(text("h1")).contains("tally-from-console");
		VatId created = VatId.of(this.browser.driver.getCurrentUrl().replaceAll(".*/", ""));

		// Terminate asks first; cancelling sends nothing.
		type("terminate-reason", "done with <b>it</b>");
		click("#terminate-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
		assertThat(text("#confirm-text")).startsWith("Terminate this vat?");
		click("#confirm-dialog button[value=cancel]");
		assertThat(text("#terminate-form output")).isEqualTo("Cancelled.");
		assertThat(this.vats.vat(created).state().name()).isEqualTo("RUNNING");
		click("#terminate-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
		click("#confirm-ok");
		this.browser.waitFor(Duration.ofSeconds(20)).until(d -> "TERMINATED".equals(text("#vat-state")));
		assertThat(text("#termination-reason")).isEqualTo("terminated by operator: done with <b>it</b>");
		assertThat(this.browser.driver.findElements(By.cssSelector("#termination-reason b"))).isEmpty();
		assertThat(this.browser.driver.findElements(By.id("send-form"))).isEmpty();
	}

	@Test
	@Order(5)
	void aKilledWorkerShowsTheHaltBannerWithinTwoSecondsAndResumeRunsAgain() throws Exception {
		VatId counter = vatId("counter");
		this.browser.open("/console/vats/" + counter.value());
		assertThat(this.browser.driver.findElement(By.id("halt-banner")).isDisplayed()).isFalse();
		long pid = this.vats.vat(counter).worker().pid();
		type("send-method", "increment");
		type("send-args", "[]");

		ProcessHandle.of(pid).orElseThrow().destroyForcibly();
		long killedAt = System.nanoTime();
		// The kernel finds the death at its next delivery to the vat: this message.
		click("#send-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(2))
			.until(d -> d.findElement(By.id("halt-banner")).isDisplayed());
		long millis = (System.nanoTime() - killedAt) / 1_000_000;
		String banner = text("#halt-banner");
		assertThat(banner).contains("vat " + counter.value() + " (counter)").contains("signal 9");
		assertThat(millis).isLessThan(2_000);
		org.slf4j.LoggerFactory.getLogger(ConsoleBrowserTests.class).info("halt banner shown {} ms after the SIGKILL", millis);
		assertThat(text(".top [data-live=state]")).isEqualTo("HALTED");
		this.browser.screenshot("halt-banner");
		String kpid = text("#send-result").replaceAll("^.*promise (kp[0-9]+).*$", "$1");
		assertThat(kpid).matches("kp[0-9]+");

		// While halted the API refuses to create a vat: the page says so in words.
		this.browser.open("/console/bundles");
		type("create-name", "while-halted");
		click("#create-form button[type=submit]");
		this.browser.waitFor(Duration.ofSeconds(10)).until(d -> text("#create-form output").contains("409"));
		assertThat(text("#create-form output")).startsWith("Kernel halted: cannot create a vat while the kernel is halted");

		click("#halt-banner form button");
		this.browser.waitFor(Duration.ofSeconds(10)).until(d -> "RUNNING".equals(text(".top [data-live=state]")));
		this.browser.waitFor(Duration.ofSeconds(5)).until(d -> !d.findElement(By.id("halt-banner")).isDisplayed());
		// The halted crank was rolled back; after the resume the message is delivered again.
		TestConfigs.awaitIdle(this.runner);
		this.browser.open("/console/promises/" + kpid);
		assertThat(text("#promise-state")).isEqualTo("fulfilled");
		assertThat(text("#promise-resolution")).isEqualTo(Integer.toString(this.count + 1));
	}

	private String text(String css) {
		return this.browser.driver.findElement(By.cssSelector(css)).getText();
	}

	private void type(String id, String value) {
		WebElement field = this.browser.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	private void click(String css) {
		this.browser.driver.findElement(By.cssSelector(css)).click();
	}

	/** A POST from the signed-in page's own origin, with or without its CSRF token: the status and body. */
	private String post(String path, String json, boolean withToken) {
		Object result = ((JavascriptExecutor) this.browser.driver).executeAsyncScript("""
				const [path, body, withToken, done] = arguments;
				const headers = {'Content-Type': 'application/json'};
				if (withToken) {
				  headers[document.querySelector('meta[name=csrf-header]').content] =
				      document.querySelector('meta[name=csrf-token]').content;
				}
				fetch(path, {method: 'POST', headers, body, credentials: 'same-origin'})
				  .then(r => r.text().then(t => done(r.status + ' ' + t)))
				  .catch(e => done('failed ' + e));
				""", path, json, withToken);
		return String.valueOf(result);
	}

	private void assertNoInjectedScriptRan() {
		assertThat(((JavascriptExecutor) this.browser.driver).executeScript("return window.__xss === undefined"))
			.isEqualTo(true);
		assertThatThrownBy(() -> this.browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
	}

	private VatId vatId(String name) {
		return this.vats.vats("", null, name, 10)
			.stream()
			.filter(v -> v.name().equals(name))
			.findFirst()
			.orElseThrow()
			.vatId();
	}

	private static String bundleId(Path bundle) throws IOException {
		return "b1-" + VatProtocolJson.parse(Files.readString(bundle)).path("endoZipBase64Sha512").stringValue();
	}

}
