package org.vatkernel.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.vatkernel.kernel.VatQueries;
import org.vatkernel.kernel.VatQueries.VatDetail;
import org.vatkernel.kernel.VatQueries.VatSummary;
import org.vatkernel.model.VatId;
import org.vatkernel.model.VatState;
import tools.jackson.databind.JsonNode;

/**
 * The vat table (filtered by state and name, paged) and a vat's page: its detail, transcript
 * (each delivery with its syscalls and results, capdata decoded), c-list, vatstore and test log,
 * each paged on its own.
 */
@Controller
class VatPages {

	static final int VAT_PAGE = 25;

	static final int TRANSCRIPT_PAGE = 20;

	static final int LIST_PAGE = 50;

	private final VatQueries vats;

	VatPages(VatQueries vats) {
		this.vats = vats;
	}

	@GetMapping("/console/vats")
	String vats(@RequestParam(defaultValue = "") String state, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String after, Model model) {
		VatState filter = switch (state.toUpperCase(Locale.ROOT)) {
			case "" -> null;
			case "RUNNING" -> VatState.RUNNING;
			case "TERMINATED" -> VatState.TERMINATED;
			default -> throw new IllegalArgumentException("state must be RUNNING or TERMINATED, not '" + state + "'");
		};
		if (!after.isEmpty()) {
			VatId.of(after); // a cursor that is not a vat id is refused in words (400)
		}
		Shown<VatSummary> shown = Shown.of(this.vats.vats(after, filter, name.isBlank() ? null : name.trim(), VAT_PAGE),
				VAT_PAGE, VatSummary::vatId);
		List<VatDetail> rows = new ArrayList<>();
		for (VatSummary vat : shown.items()) {
			rows.add(this.vats.vat(vat.vatId()));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("state", filter == null ? "" : filter.name());
		model.addAttribute("name", name);
		model.addAttribute("next", shown.next());
		return "console/vats";
	}

	@GetMapping("/console/vats/{vatId}")
	String vat(@PathVariable String vatId, @RequestParam(defaultValue = "0") long transcriptFrom,
			@RequestParam(required = false) @Nullable Integer incarnation,
			@RequestParam(defaultValue = "") String clistAfter, @RequestParam(defaultValue = "") String vatstoreAfter,
			@RequestParam(defaultValue = "0") long logAfter, Model model) {
		VatId id = VatId.of(vatId);
		VatDetail vat = this.vats.vat(id);
		model.addAttribute("vat", vat);

		Shown<VatQueries.TranscriptEntry> entries = Shown.of(
				this.vats.transcript(id, Math.max(0, transcriptFrom), TRANSCRIPT_PAGE, incarnation), TRANSCRIPT_PAGE,
				e -> e.position() + 1);
		model.addAttribute("transcript", entries.items().stream().map(VatPages::delivery).toList());
		model.addAttribute("transcriptNext", entries.next());
		model.addAttribute("incarnation", incarnation);
		Shown.of(this.vats.clist(id, clistAfter, LIST_PAGE), LIST_PAGE, e -> e.kref().value())
			.into(model, "clist", "clistNext");
		Shown.of(this.vats.vatstore(id, vatstoreAfter, LIST_PAGE), LIST_PAGE, VatQueries.VatstoreEntry::key)
			.into(model, "vatstore", "vatstoreNext");
		Shown.of(this.vats.testLog(id, logAfter, LIST_PAGE), LIST_PAGE, VatQueries.TestLogLine::seq)
			.into(model, "testLog", "testLogNext");
		return "console/vat";
	}

	/** A transcript entry to show: the delivery, each syscall with its result, the delivery's result. */
	record Delivery(long position, String type, String delivery, List<Syscall> syscalls, String result) {

		record Syscall(String syscall, String result) {
		}

	}

	static Delivery delivery(VatQueries.TranscriptEntry entry) {
		JsonNode item = entry.entry();
		JsonNode d = item.path("d");
		List<Delivery.Syscall> syscalls = new ArrayList<>();
		item.path("sc").valueStream()
			.forEach(sc -> syscalls.add(new Delivery.Syscall(CapDataText.readable(sc.path("s")),
					CapDataText.readable(sc.path("r")))));
		return new Delivery(entry.position(), d.path(0).asString("?"), CapDataText.readable(d), syscalls,
				CapDataText.readable(item.path("r")));
	}

}
