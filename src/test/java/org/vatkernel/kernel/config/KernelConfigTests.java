package org.vatkernel.kernel.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatkernel.kernel.KernelOptions;
import org.vatkernel.kernel.config.KernelConfig;
import org.vatkernel.kernel.config.KernelConfigException;
import org.vatkernel.kernel.config.VatBundler;
import org.vatkernel.worker.SourceBundler;
import org.vatkernel.worker.TestVats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config keys SwingSet uses are accepted, x- keys ignored, anything else refused by name. */
class KernelConfigTests {

	@TempDir
	Path dir;

	private final VatBundler bundler = new VatBundler(new SourceBundler(TestVats.properties()));

	private Path config(String json) throws Exception {
		return Files.writeString(this.dir.resolve("config.json"), json);
	}

	private static String bundle(String name) {
		return "\"bundleSpec\": \"" + TestVats.BUNDLES.resolve(name + ".bundle").toAbsolutePath() + "\"";
	}

	@Test
	void readsSwingSetKeysAndOrdersVatsBootstrapFirst() throws Exception {
		KernelConfig config = KernelConfig.load(config("""
				{ "bootstrap": "zed", "defaultManagerType": "xsnap", "defaultReapInterval": 1000,
				  "pinBootstrapRoot": true, "x-comment": "ignored", "snapshotInterval": 200,
				  "bundles": { "shared": { %s } },
				  "vats": {
				    "bob": { %s, "creationOptions": { "critical": true, "metered": false, "x-note": 1 } },
				    "alice": { "bundleName": "shared", "parameters": { "n": 1 } },
				    "zed": { %s, "creationOptions": { "reapInterval": "never" } } } }
				""".formatted(bundle("alice"), bundle("bob"), bundle("boot-calls"))), this.bundler);

		assertThat(config.vats()).extracting(KernelConfig.VatConfig::name).containsExactly("zed", "alice", "bob");
		assertThat(config.bootstrap()).isEqualTo("zed");
		assertThat(config.pinBootstrapRoot()).isTrue();
		assertThat(config.vats().get(2).options().critical()).isTrue();
		assertThat(config.vats().get(2).options().metered()).isFalse();
		assertThat(config.vats().get(1).options().metered()).isTrue();
		assertThat(config.vats().get(1).options().reapInterval()).isEqualTo(1000);
		assertThat(config.vats().get(0).options().reapInterval()).isNull();
		assertThat(config.vats().get(1).parameters().get("n").asInt()).isEqualTo(1);
		assertThat(config.options()).isEqualTo(new KernelOptions(3, 200, 1000, 20, 200));
	}

	@Test
	void bundleSpecPathsAreRelativeToTheConfigFile() throws Exception {
		Path bundles = Files.createDirectories(this.dir.resolve("bundles"));
		Path alice = Files.copy(TestVats.BUNDLES.resolve("alice.bundle"), bundles.resolve("alice.bundle"));
		Path bob = Files.copy(TestVats.BUNDLES.resolve("bob.bundle"), bundles.resolve("bob.bundle"));
		KernelConfig config = KernelConfig.load(config("""
				{ "bundles": { "shared": { "bundleSpec": "bundles/bob.bundle" } },
				  "vats": { "alice": { "bundleSpec": "bundles/alice.bundle" }, "bob": { "bundleName": "shared" } } }
				"""), this.bundler);

		assertThat(config.vats()).extracting(KernelConfig.VatConfig::name).containsExactly("alice", "bob");
		assertThat(config.vats().get(0).bundleJson()).isEqualTo(Files.readString(alice));
		assertThat(config.vats().get(1).bundleJson()).isEqualTo(Files.readString(bob));
		assertThat(config.namedBundles()).containsEntry("shared", Files.readString(bob));
	}

	@Test
	void theKernelOptionsComeFromTheConfig() throws Exception {
		KernelConfig config = KernelConfig.load(config("""
				{ "snapshotInitial": 0, "snapshotInterval": 50, "cleanupBudget": 9, "defaultReapInterval": "never",
				  "defaultReapGCKrefs": 5, "vats": {} }
				"""), this.bundler);
		assertThat(config.options()).isEqualTo(new KernelOptions(0, 50, null, 5, 9));
	}

	@Test
	void refusesABadKernelOptionByName() throws Exception {
		assertThatThrownBy(() -> KernelConfig.load(config("{ \"snapshotInterval\": -5, \"vats\": {} }"), this.bundler))
			.isInstanceOf(KernelConfigException.class)
			.hasMessageContaining("snapshotInterval");
		assertThatThrownBy(() -> KernelConfig.load(config("{ \"cleanupBudget\": 0, \"vats\": {} }"), this.bundler))
			.hasMessageContaining("cleanupBudget");
		assertThatThrownBy(() -> KernelConfig.load(config("{ \"snapshotInitial\": \"soon\", \"vats\": {} }"),
				this.bundler))
			.hasMessageContaining("snapshotInitial");
	}

	@Test
	void refusesAnUnknownTopLevelKeyByName() throws Exception {
		Path file = config("{ \"vats\": {}, \"launchCodes\": 1 }");
		assertThatThrownBy(() -> KernelConfig.load(file, this.bundler)).isInstanceOf(KernelConfigException.class)
			.hasMessageContaining("unsupported key 'launchCodes'");
	}

	@Test
	void refusesAnUnknownCreationOptionByName() throws Exception {
		Path file = config("{ \"vats\": { \"a\": { %s, \"creationOptions\": { \"turbo\": true } } } }"
			.formatted(bundle("alice")));
		assertThatThrownBy(() -> KernelConfig.load(file, this.bundler))
			.hasMessageContaining("vats.a.creationOptions: unsupported key 'turbo'");
	}

	@Test
	void refusesPipeliningAndDevicesItDoesNotHave() throws Exception {
		Path pipelining = config("{ \"vats\": { \"a\": { %s, \"creationOptions\": { \"enablePipelining\": true } } } }"
			.formatted(bundle("alice")));
		assertThatThrownBy(() -> KernelConfig.load(pipelining, this.bundler)).hasMessageContaining("enablePipelining");
		// The built-in devices may be named, with any source (vatkernel's own replace them).
		Path timer = config("{ \"vats\": {}, \"devices\": { \"timer\": { \"sourceSpec\": \"t.js\" } } }");
		assertThat(KernelConfig.load(timer, this.bundler).devices()).containsExactlyInAnyOrder("timer", "vatAdmin");
		assertThat(KernelConfig.load(config("{ \"vats\": {} }"), this.bundler).devices()).containsExactly("vatAdmin");
		Path mailbox = config("{ \"vats\": {}, \"devices\": { \"mailbox\": { \"sourceSpec\": \"m.js\" } } }");
		assertThatThrownBy(() -> KernelConfig.load(mailbox, this.bundler))
			.hasMessageContaining("devices.mailbox is not supported: vatkernel's devices are built in (timer, vatAdmin)");
	}

	@Test
	void needsExactlyOneSourcePerVat() throws Exception {
		Path none = config("{ \"vats\": { \"a\": { \"parameters\": {} } } }");
		assertThatThrownBy(() -> KernelConfig.load(none, this.bundler))
			.hasMessageContaining("vats.a needs exactly one of sourceSpec, bundleSpec, bundle, bundleName");
		Path missing = config("{ \"vats\": { \"a\": { \"sourceSpec\": \"nowhere.js\" } } }");
		assertThatThrownBy(() -> KernelConfig.load(missing, this.bundler)).hasMessageContaining("nowhere.js")
			.hasMessageContaining("does not exist");
	}

	@Test
	void bootstrapMustNameAVat() throws Exception {
		Path file = config("{ \"bootstrap\": \"ghost\", \"vats\": { \"a\": { %s } } }".formatted(bundle("alice")));
		assertThatThrownBy(() -> KernelConfig.load(file, this.bundler))
			.hasMessageContaining("bootstrap vat 'ghost' is not in vats");
	}

	@Test
	void malformedJsonNamesTheFile() throws Exception {
		Path file = config("{ \"vats\": ");
		assertThatThrownBy(() -> KernelConfig.load(file, this.bundler)).hasMessageContaining(file.toString())
			.hasMessageContaining("not valid JSON");
	}

}
