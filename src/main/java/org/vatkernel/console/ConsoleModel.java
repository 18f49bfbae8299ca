package org.vatkernel.console;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.vatkernel.kernel.KernelService;
import org.vatkernel.kernel.KernelStatus;
import org.vatkernel.kernel.UnknownVatException;
import org.vatkernel.kernel.VatQueries;

/**
 * What every console page shows around its content: who is signed in and whether they may act,
 * and the kernel's state with its halt banner (the page's script keeps both live).
 */
@ControllerAdvice(assignableTypes = { ConsolePages.class, VatPages.class })
class ConsoleModel {

	// Looked up when a page is shown: MVC test slices of the API load every controller advice,
	// this one too, without the kernel's beans.
	private final ObjectProvider<KernelService> kernel;

	private final ObjectProvider<VatQueries> vats;

	ConsoleModel(ObjectProvider<KernelService> kernel, ObjectProvider<VatQueries> vats) {
		this.kernel = kernel;
		this.vats = vats;
	}

	@ModelAttribute
	void common(Model model, HttpServletRequest request) {
		model.addAllAttributes(attributes(request));
	}

	/** Also for pages that say what went wrong, which model attribute methods do not reach. */
	Map<String, Object> attributes(HttpServletRequest request) {
		Map<String, Object> attributes = new HashMap<>();
		Principal principal = request.getUserPrincipal();
		attributes.put("operator", request.isUserInRole("OPERATOR"));
		if (principal != null) {
			attributes.put("user", principal.getName());
			KernelStatus status = this.kernel.getObject().status();
			attributes.put("status", status);
			HaltBanner halt = halt(status);
			if (halt != null) {
				attributes.put("halt", halt);
			}
		}
		return attributes;
	}

	@Nullable HaltBanner halt(KernelStatus status) {
		if (status.haltReason() == null) {
			return null;
		}
		String name = null;
		if (status.haltReason().vatId() != null) {
			try {
				name = this.vats.getObject().vat(status.haltReason().vatId()).name();
			}
			catch (UnknownVatException ex) {
				// a vat that no longer exists is named by its id alone
			}
		}
		return HaltBanner.of(status.haltReason(), name);
	}

}
