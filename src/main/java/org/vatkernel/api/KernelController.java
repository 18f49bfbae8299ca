package org.vatkernel.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.KernelStatus;
import org.vatkernel.kernel.PromiseView;
import org.vatkernel.vat.VatWarehouse;

/** The minimal admin API: kernel status, vats, host messages, promises and the test log. */
@RestController
@RequestMapping("/api")
class KernelController {

	private final KernelService kernel;

	private final VatWarehouse warehouse;

	KernelController(KernelService kernel, VatWarehouse warehouse) {
		this.kernel = kernel;
		this.warehouse = warehouse;
	}

	@GetMapping("/kernel")
	KernelStatus kernel() {
		return this.kernel.status();
	}

	@GetMapping("/kernel/state-hash")
	Map<String, String> stateHash() {
		return Map.of("stateHash", this.kernel.stateHash());
	}

	@PostMapping("/kernel/resume")
	KernelStatus resume() {
		this.kernel.resume();
		return this.kernel.status();
	}

	@PostMapping("/kernel/pause")
	KernelStatus pause() {
		this.kernel.pause();
		return this.kernel.status();
	}

	@PostMapping("/kernel/step")
	Map<String, Object> step() {
		boolean didWork = this.kernel.step();
		return Map.of("didWork", didWork, "kernel", this.kernel.status());
	}

	@GetMapping("/vats")
	List<VatView> vats() {
		return this.kernel.vats().stream().map(v -> VatView.of(v, this.warehouse.isOnline(v.vatId()))).toList();
	}

	@GetMapping("/vats/{vatId}")
	VatView vat(@PathVariable String vatId) {
		return VatView.of(this.kernel.vat(vatId), this.warehouse.isOnline(vatId));
	}

	@PostMapping("/vats/{vatId}/messages")
	ResponseEntity<Map<String, String>> queueMessage(@PathVariable String vatId,
			@Valid @RequestBody MessageRequest request) {
		String kpid = this.kernel.queueToVatRoot(vatId, request.method(), request.args());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("kpid", kpid));
	}

	@GetMapping("/promises/{kpid}")
	PromiseView promise(@PathVariable String kpid) {
		return this.kernel.promise(kpid);
	}

	@GetMapping("/test-log")
	List<String> testLog() {
		return this.kernel.testLog();
	}

}
