package org.vatkernel.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.KernelStatus;
import org.vatkernel.model.VatProtocolJson;
import org.vatkernel.state.QueueStore;
import tools.jackson.databind.JsonNode;

/** The kernel: status, control (pause, resume, step), its queues and the whole test log. */
@RestController
@RequestMapping("/api")
class KernelController {

	private final KernelService kernel;

	private final QueueStore queues;

	KernelController(KernelService kernel, QueueStore queues) {
		this.kernel = kernel;
		this.queues = queues;
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

	/**
	 * Schedules a {@code bringOutYourDead} for every running vat (SwingSet's {@code reapAllVats}):
	 * they free what they no longer use, and other vats are told to drop and retire it.
	 */
	@PostMapping("/kernel/reap")
	ResponseEntity<Map<String, Object>> reap() {
		List<String> vatIds = this.kernel.reapAllVats();
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("scheduled", vatIds));
	}

	/**
	 * A kernel queue in the order it will be processed: {@code run} (default), {@code acceptance}
	 * (syscalls and injections not yet routed) or {@code reap} (due {@code bringOutYourDead}s).
	 * Items are SwingSet's queue events in kernel space (krefs).
	 */
	@GetMapping("/run-queue")
	Page<QueueItem> runQueue(
			@RequestParam(defaultValue = QueueStore.RUN) @Pattern(regexp = "run|acceptance|reap",
					message = "must be run, acceptance or reap") String queue,
			@RequestParam(defaultValue = "0") @Min(0) long cursor,
			@RequestParam(defaultValue = Ids.DEFAULT_LIMIT) @Min(1) @Max(Ids.MAX_LIMIT) int limit) {
		return Page.of(this.queues.page(queue, cursor, limit + 1), limit, item -> Long.toString(item.seq()))
			.map(item -> new QueueItem(item.seq(), VatProtocolJson.parse(item.item())));
	}

	/** Every {@code vatPowers.testLog} line of every vat, in order (per vat and paged: the vat's). */
	@GetMapping("/test-log")
	List<String> testLog() {
		return this.kernel.testLog();
	}

	record QueueItem(long seq, JsonNode event) {
	}

}
