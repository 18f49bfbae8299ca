package org.vatkernel.api;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.VatQueries.ClistEntry;
import org.vatkernel.kernel.VatQueries.TestLogLine;
import org.vatkernel.kernel.VatQueries.TranscriptEntry;
import org.vatkernel.kernel.VatQueries.VatDetail;
import org.vatkernel.kernel.VatQueries.VatSummary;
import org.vatkernel.kernel.VatQueries;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Vats: list, detail, their c-list, vatstore, transcript and test log; create, terminate, send. */
@RestController
@RequestMapping("/api/vats")
class VatController {

	private final KernelService kernel;

	private final VatQueries queries;

	VatController(KernelService kernel, VatQueries queries) {
		this.kernel = kernel;
		this.queries = queries;
	}

	@GetMapping
	Page<VatSummary> vats(@RequestParam(required = false) @Pattern(regexp = "RUNNING|TERMINATED",
			message = "must be RUNNING or TERMINATED") @Nullable String state,
			@RequestParam(required = false) @Size(max = 200) @Nullable String name,
			@RequestParam(defaultValue = "") @Pattern(regexp = "|" + Ids.VAT_ID,
					message = Ids.VAT_ID_MESSAGE) String cursor,
			@RequestParam(defaultValue = Ids.DEFAULT_LIMIT) @Min(1) @Max(Ids.MAX_LIMIT) int limit) {
		return Page.of(this.queries.vats(cursor, state == null ? null : VatState.valueOf(state), name, limit), limit,
				v -> v.vatId().value());
	}

	@GetMapping("/{vatId}")
	VatDetail vat(@PathVariable @Pattern(regexp = Ids.VAT_ID, message = Ids.VAT_ID_MESSAGE) String vatId) {
		return this.queries.vat(VatId.of(vatId));
	}

	@GetMapping("/{vatId}/clist")
	Page<ClistEntry> clist(@PathVariable @Pattern(regexp = Ids.VAT_ID, message = Ids.VAT_ID_MESSAGE) String vatId,
			@RequestParam(defaultValue = "") @Size(max = 40) String cursor,
			@RequestParam(defaultValue = Ids.DEFAULT_LIMIT) @Min(1) @Max(Ids.MAX_LIMIT) int limit) {
		return Page.of(this.queries.clist(VatId.of(vatId), cursor, limit), limit, e -> e.kref().value());
	}

	/** Keys in byte order; values only with {@code values=true} (they can be large). */
	@GetMapping("/{vatId}/vatstore")
	Page<VatstoreEntry> vatstore(
			@PathVariable @Pattern(regexp = Ids.VAT_ID, message = Ids.VAT_ID_MESSAGE) String vatId,
			@RequestParam(defaultValue = "") @Size(max = 2000) String cursor,
			@RequestParam(defaultValue = Ids.DEFAULT_LIMIT) @Min(1) @Max(Ids.MAX_LIMIT) int limit,
			@RequestParam(defaultValue = "false") boolean values) {
		return Page.of(this.queries.vatstore(VatId.of(vatId), cursor, limit), limit, VatQueries.VatstoreEntry::key)
			.map(e -> new VatstoreEntry(e.key(), values ? e.value() : null));
	}

	@GetMapping("/{vatId}/transcript")
	Page<TranscriptEntry> transcript(
			@PathVariable @Pattern(regexp = Ids.VAT_ID, message = Ids.VAT_ID_MESSAGE) String vatId,
			@RequestParam(defaultValue = "0") @Min(0) long cursor,
			@RequestParam(defaultValue = Ids.DEFAULT_LIMIT) @Min(1) @Max(Ids.MAX_LIMIT) int limit,
			@RequestParam(required = false) @Min(0) @Nullable Integer incarnation) {
		return Page.of(this.queries.transcript(VatId.of(vatId), cursor, limit, incarnation), limit,
				e -> Long.toString(e.position() + 1));
	}

	/** The vat's {@code vatPowers.testLog} lines (its console output goes to the worker's log). */
	@GetMapping("/{vatId}/test-log")
	Page<TestLogLine> testLog(
			@PathVariable @Pattern(regexp = Ids.VAT_ID, message = Ids.VAT_ID_MESSAGE) String vatId,
			@RequestParam(defaultValue = "0") @Min(0) long cursor,
			@RequestParam(defaultValue = Ids.DEFAULT_LIMIT) @Min(1) @Max(Ids.MAX_LIMIT) int limit) {
		return Page.of(this.queries.testLog(VatId.of(vatId), cursor, limit), limit, l -> Long.toString(l.seq()));
	}

	@PostMapping
	ResponseEntity<Map<String, VatId>> create(@Valid @RequestBody CreateVatRequest request) {
		JsonNode parameters = request.parameters() == null ? JsonNodeFactory.instance.objectNode() : request.parameters();
		PlainData.check(parameters, "parameters");
		JsonNode options = request.creationOptions() == null ? JsonNodeFactory.instance.objectNode()
				: request.creationOptions();
		VatId vatId = this.kernel.createVat(request.bundleId(), request.name(), parameters, options);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("vatId", vatId));
	}

	@PostMapping("/{vatId}/terminate")
	VatDetail terminate(@PathVariable @Pattern(regexp = Ids.VAT_ID, message = Ids.VAT_ID_MESSAGE) String vatId,
			@Valid @RequestBody TerminateVatRequest request) {
		this.kernel.terminateVat(VatId.of(vatId), request.reason());
		return this.queries.vat(VatId.of(vatId));
	}

	/**
	 * Upgrades a vat to new code (SwingSet's {@code upgradeStaticVat}, through vatAdmin); its
	 * outcome is the upgrade's promise: fulfilled {@code {incarnationNumber}}, or rejected
	 * {@code vat-upgrade failure} with the old incarnation kept.
	 */
	@PostMapping("/{vatId}/upgrade")
	ResponseEntity<Map<String, Object>> upgrade(
			@PathVariable @Pattern(regexp = Ids.VAT_ID, message = Ids.VAT_ID_MESSAGE) String vatId,
			@Valid @RequestBody UpgradeVatRequest request, java.security.Principal principal) {
		JsonNode parameters = request.vatParameters() == null ? JsonNodeFactory.instance.objectNode()
				: request.vatParameters();
		PlainData.check(parameters, "vatParameters");
		KernelRef kpid = this.kernel.upgradeVat(VatId.of(vatId), request.bundleId(), parameters,
				request.upgradeMessage(), principal.getName());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("upgradeId", kpid, "vatId", vatId));
	}

	@PostMapping("/{vatId}/messages")
	ResponseEntity<Map<String, KernelRef>> queueMessage(
			@PathVariable @Pattern(regexp = Ids.VAT_ID, message = Ids.VAT_ID_MESSAGE) String vatId,
			@Valid @RequestBody MessageRequest request) {
		for (int i = 0; i < request.args().size(); i++) {
			PlainData.check(request.args().get(i), "args[" + i + "]");
		}
		KernelRef kpid = this.kernel.queueToVatRoot(VatId.of(vatId), request.method().stringValue(), request.args());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("kpid", kpid));
	}

	record VatstoreEntry(String key, @Nullable String value) {
	}

}
