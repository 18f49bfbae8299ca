package org.vatkernel.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.vatkernel.kernel.KernelHaltedException;
import org.vatkernel.kernel.UnknownPromiseException;
import org.vatkernel.kernel.UnknownVatException;

/**
 * Every error as an RFC 9457 problem detail with a stable {@code type}; framework errors
 * (malformed JSON, validation) come out the same way through the base class.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = "https://vatkernel.org/problems/";

	@ExceptionHandler(UnknownVatException.class)
	ProblemDetail unknownVat(UnknownVatException ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-vat", "Unknown vat", ex.getMessage());
	}

	@ExceptionHandler(UnknownPromiseException.class)
	ProblemDetail unknownPromise(UnknownPromiseException ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-promise", "Unknown promise", ex.getMessage());
	}

	@ExceptionHandler(KernelHaltedException.class)
	ProblemDetail halted(KernelHaltedException ex) {
		return problem(HttpStatus.CONFLICT, "kernel-halted", "Kernel halted", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

}
