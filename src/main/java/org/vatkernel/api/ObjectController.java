package org.vatkernel.api;

import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vatkernel.kernel.KernelQueries.KernelObject;
import org.vatkernel.kernel.KernelQueries;
import org.vatkernel.kernel.PromiseView;
import org.vatkernel.model.KernelRef;

/** Kernel objects and promises by id. */
@RestController
@RequestMapping("/api")
class ObjectController {

	private final KernelQueries queries;

	ObjectController(KernelQueries queries) {
		this.queries = queries;
	}

	/** Owner (null once its vat is terminated), reachable and recognizable counts, pinned. */
	@GetMapping("/objects/{kref}")
	KernelObject object(@PathVariable @Pattern(regexp = Ids.KREF, message = Ids.KREF_MESSAGE) String kref) {
		return this.queries.object(KernelRef.of(kref));
	}

	@GetMapping("/promises/{kpid}")
	PromiseView promise(@PathVariable @Pattern(regexp = Ids.KPID, message = Ids.KPID_MESSAGE) String kpid) {
		return this.queries.promise(KernelRef.of(kpid));
	}

}
