package org.vatkernel.api;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vatkernel.kernel.KernelQueries.QueueItem;
import org.vatkernel.kernel.KernelQueries;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.KernelStatus;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.VatId;
import tools.jackson.databind.JsonNode;

/** The kernel: status, control (pause, resume, step), its queues and the whole test log. */
@RestController
@RequestMapping("/api")
class KernelController {

	private final KernelService kernel;

	private final KernelQueries queries;

	KernelController(KernelService kernel, KernelQueries queries) {
		this.kernel = kernel;
		this.queries = queries;
	}

	@GetMapping("/kernel")
	KernelStatus kernel() {
		return this.kernel.status();
	}

	@GetMapping("/kernel/state-hash")
	Map<String, String> stateHash() {
		return Map.of("stateHash", this.kernel.stateHash());
	}

	/** The consensus kernel options in force and every recorded change of them. */
	@GetMapping("/kernel/options")
	Map<String, Object> options() {
		return Map.of("options", this.kernel.kernelOptions(), "changes", this.kernel.kernelOptionsChanges());
	}

	/**
	 * Changes consensus kernel options from the next crank on (SwingSet's
	 * {@code changeKernelOptions}): a JSON object naming only the options to change. Every node
	 * of a consensus must get the same change at the same crank; the change is recorded with the
	 * operator's name.
	 */
	@PostMapping("/kernel/options")
	Map<String, Object> changeOptions(@RequestBody JsonNode changes, Principal principal) {
		return Map.of("options", this.kernel.changeKernelOptions(changes, principal.getName()));
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
		List<VatId> vatIds = this.kernel.reapAllVats();
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("scheduled", vatIds));
	}

	/**
	 * Polls the timer device (SwingSet's {@code timer.poll(now)}) with {@code time}, in seconds:
	 * every wakeup due by then is delivered. The time may not go back.
	 */
	@PostMapping("/kernel/timer/poll")
	KernelService.TimerPoll pollTimer(@jakarta.validation.Valid @RequestBody TimerPollRequest request) {
		return this.kernel.pollTimer(request.time());
	}

	/** The time to poll the timer with: seconds, not before the last poll. */
	record TimerPollRequest(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.PositiveOrZero java.math.BigInteger time) {
	}

	/**
	 * A kernel queue in the order it will be processed: {@code run} (default), {@code acceptance}
	 * (syscalls and injections not yet routed) or {@code reap} (due {@code bringOutYourDead}s).
	 * Items are SwingSet's queue events in kernel space (krefs).
	 */
	@GetMapping("/run-queue")
	Page<QueueItem> runQueue(
			@RequestParam(defaultValue = "run") @Pattern(regexp = "run|acceptance|reap",
					message = "must be run, acceptance or reap") String queue,
			@RequestParam(defaultValue = "0") @Min(0) long cursor,
			@RequestParam(defaultValue = Ids.DEFAULT_LIMIT) @Min(1) @Max(Ids.MAX_LIMIT) int limit) {
		return Page.of(this.queries.queue(QueueName.ofWireName(queue), cursor, limit), limit, item -> Long.toString(item.seq()));
	}

	/** Every {@code vatPowers.testLog} line of every vat, in order (per vat and paged: the vat's). */
	@GetMapping("/test-log")
	List<String> testLog() {
		return this.kernel.testLog();
	}

}
