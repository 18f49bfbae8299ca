package org.vatkernel.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;
import org.vatkernel.model.MeterUsage;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.worker.WorkerManager;
import org.vatkernel.worker.WorkerProperties;
import org.vatkernel.worker.WorkerRuntime;

/**
 * {@code /actuator/info}: which worker runtime this node runs — the xsnap package version and
 * meter type, and the IDs of the boot bundles — since nodes in consensus must run the same.
 */
@Component
class WorkerRuntimeInfoContributor implements InfoContributor {

	private final Map<String, Object> details;

	WorkerRuntimeInfoContributor(WorkerManager workers, WorkerProperties properties) {
		WorkerRuntime runtime = workers.runtime();
		Path modules = properties.runtimeDir().resolve("node_modules");
		Map<String, Object> xsnap = new LinkedHashMap<>();
		xsnap.put("package", "@agoric/xsnap@" + version(modules.resolve("@agoric/xsnap")));
		xsnap.put("binary", runtime.xsnap().toString());
		xsnap.put("meterType", MeterUsage.METER_TYPE);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("xsnap", xsnap);
		details.put("lockdownBundle", Map.of("package",
				"@agoric/xsnap-lockdown@" + version(modules.resolve("@agoric/xsnap-lockdown")), "bundleId",
				runtime.lockdown().bundleId()));
		details.put("supervisorBundle", Map.of("package",
				"@agoric/swingset-xsnap-supervisor@" + version(modules.resolve("@agoric/swingset-xsnap-supervisor")),
				"bundleId", runtime.supervisor().bundleId()));
		this.details = details;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("workerRuntime", this.details);
	}

	/** The package's version, or "unknown" when the runtime was configured outside node_modules. */
	private static String version(Path packageDir) {
		try {
			return VatProtocolJson.parse(Files.readString(packageDir.resolve("package.json")))
				.path("version")
				.asString("unknown");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
