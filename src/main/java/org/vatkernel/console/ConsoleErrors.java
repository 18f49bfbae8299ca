package org.vatkernel.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;
import org.vatkernel.kernel.RequestRefusedException;
import org.vatkernel.kernel.UnknownPromiseException;
import org.vatkernel.kernel.UnknownVatException;

/**
 * A console page that cannot be shown says why in words, with the status the API would answer:
 * an unknown vat, object or promise (404), an id that is not one (400).
 */
// Before the API's handler, which answers the same exceptions with problem details for any controller.
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

	private final ConsoleModel common;

	ConsoleErrors(ConsoleModel common) {
		this.common = common;
	}

	@ExceptionHandler({ UnknownVatException.class, UnknownPromiseException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ModelAndView unknown(RuntimeException ex, HttpServletRequest request) {
		return page(request, "Not found", ex.getMessage());
	}

	@ExceptionHandler(RequestRefusedException.class)
	ModelAndView refused(RequestRefusedException ex, HttpServletRequest request) {
		ModelAndView page = page(request, ex.kind() == RequestRefusedException.Kind.NOT_FOUND ? "Not found" : "Refused",
				ex.getMessage());
		page.setStatus(ex.kind() == RequestRefusedException.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND
				: ex.kind() == RequestRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
		return page;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ModelAndView invalid(IllegalArgumentException ex, HttpServletRequest request) {
		return page(request, "Invalid request", ex.getMessage());
	}

	private ModelAndView page(HttpServletRequest request, String title, String detail) {
		ModelAndView page = new ModelAndView("console/error", this.common.attributes(request));
		page.addObject("title", title);
		page.addObject("detail", detail);
		return page;
	}

}
