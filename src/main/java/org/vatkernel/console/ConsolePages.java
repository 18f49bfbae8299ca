package org.vatkernel.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.vatkernel.kernel.KernelQueries;
import org.vatkernel.kernel.PromiseView;
import org.vatkernel.kernel.VatQueries;
import org.vatkernel.model.KernelRef;
import org.vatkernel.model.QueueName;
import org.vatkernel.model.VatId;

/**
 * The console's pages but the vat pages: the overview, sign-in, lookups of objects and promises,
 * the queues and the bundles. Everything is read through the queries the REST API answers from.
 */
@Controller
class ConsolePages {

	static final int QUEUE_PAGE = 50;

	/** The overview lists the first vats by id; the vat table has them all. */
	static final int OVERVIEW_VATS = 12;

	static final int BUNDLE_PAGE = 50;

	private final KernelQueries kernel;

	private final VatQueries vats;

	ConsolePages(KernelQueries kernel, VatQueries vats) {
		this.kernel = kernel;
		this.vats = vats;
	}

	@GetMapping("/login")
	String login() {
		return "console/login";
	}

	@GetMapping("/console")
	String overview(Model model) {
		model.addAttribute("computrons", ComputronBars.of(this.vats.computronsByVat(ComputronBars.VATS)));
		Shown<VatQueries.VatSummary> vats = Shown.of(this.vats.vats("", null, null, OVERVIEW_VATS), OVERVIEW_VATS,
				VatQueries.VatSummary::vatId);
		model.addAttribute("vats", vats.items());
		model.addAttribute("moreVats", vats.next() != null);
		return "console/overview";
	}

	/** The search box: a kernel object, promise or vat id goes to its page. */
	@GetMapping("/console/lookup")
	String lookup(@RequestParam(defaultValue = "") String id) {
		String trimmed = id.trim().toLowerCase(Locale.ROOT);
		if (trimmed.matches("ko[0-9]+")) {
			return "redirect:/console/objects/" + KernelRef.of(trimmed).value();
		}
		if (trimmed.matches("kp[0-9]+")) {
			return "redirect:/console/promises/" + KernelRef.of(trimmed).value();
		}
		if (trimmed.matches("v[0-9]+")) {
			return "redirect:/console/vats/" + VatId.of(trimmed).value();
		}
		throw new IllegalArgumentException(
				"'" + id + "' is not a kernel object (ko20), promise (kp40) or vat (v3) id");
	}

	@GetMapping("/console/objects/{kref}")
	String object(@PathVariable String kref, Model model) {
		KernelRef ref = KernelRef.of(kref);
		if (!ref.isObject()) {
			throw new IllegalArgumentException("not a kernel object id: " + kref);
		}
		model.addAttribute("object", this.kernel.object(ref));
		return "console/object";
	}

	@GetMapping("/console/promises/{kpid}")
	String promise(@PathVariable String kpid, Model model) {
		KernelRef ref = KernelRef.of(kpid);
		if (!ref.isPromise()) {
			throw new IllegalArgumentException("not a kernel promise id: " + kpid);
		}
		PromiseView promise = this.kernel.promise(ref);
		model.addAttribute("promise", promise);
		model.addAttribute("resolution", promise.resolution() == null ? null : CapDataText.of(promise.resolution()));
		return "console/promise";
	}

	/** The three kernel queues, in processing order, events with their capdata decoded. */
	@GetMapping("/console/queues")
	String queues(Model model) {
		Map<String, QueueView> queues = new LinkedHashMap<>();
		for (QueueName name : List.of(QueueName.ACCEPTANCE, QueueName.RUN, QueueName.REAP)) {
			List<QueueView.Item> shown = new ArrayList<>();
			for (KernelQueries.QueueItem item : Shown.of(this.kernel.queue(name, 0, QUEUE_PAGE), QUEUE_PAGE,
					KernelQueries.QueueItem::seq).items()) {
				shown.add(new QueueView.Item(item.seq(), item.event().path("type").asString(""),
						CapDataText.readable(item.event())));
			}
			queues.put(name.name().toLowerCase(Locale.ROOT),
					new QueueView(this.kernel.queueLength(name), shown));
		}
		model.addAttribute("queues", queues);
		return "console/queues";
	}

	/** A queue's length and its first items. */
	record QueueView(long length, List<Item> items) {

		record Item(long seq, String type, String decoded) {
		}

	}

	@GetMapping("/console/bundles")
	String bundles(@RequestParam(defaultValue = "") String after, Model model) {
		Shown.of(this.kernel.bundles(after, BUNDLE_PAGE), BUNDLE_PAGE, KernelQueries.Bundle::bundleId)
			.into(model, "bundles", "next");
		return "console/bundles";
	}

}
