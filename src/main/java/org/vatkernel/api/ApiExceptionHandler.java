package org.vatkernel.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.vatkernel.kernel.KernelHaltedException;
import org.vatkernel.kernel.RequestRefusedException;
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

	@ExceptionHandler(RequestRefusedException.class)
	ProblemDetail refused(RequestRefusedException ex) {
		HttpStatus status = switch (ex.kind()) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case INVALID -> "body-too-large".equals(ex.type()) ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
			case CONFLICT -> HttpStatus.CONFLICT;
		};
		return problem(status, ex.type(), title(ex.type()), ex.getMessage());
	}

	@ExceptionHandler(KernelHaltedException.class)
	ProblemDetail halted(KernelHaltedException ex) {
		return problem(HttpStatus.CONFLICT, "kernel-halted", "Kernel halted", ex.getMessage());
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.put(error.getField(), error.getDefaultMessage());
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"request body has invalid fields: " + errors);
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/** Path variables and query parameters that break their constraints (ids, limits, filters). */
	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				// A request body's errors are named by field, a parameter's by its name.
				String key = error instanceof FieldError field ? field.getField() : name == null ? "?" : name;
				errors.merge(key, String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b);
			}
		}
		boolean idSyntax = errors.values().stream().anyMatch(m -> m.startsWith("must be a") && m.contains(" id"));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, idSyntax ? "invalid-id" : "invalid-request",
				idSyntax ? "Invalid id" : "Invalid request", "invalid parameters: " + errors);
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				name + " must be " + (ex.getRequiredType() == null ? "valid" : "a " + ex.getRequiredType().getSimpleName())
						+ ", not '" + ex.getValue() + "'");
		problem.setProperty("errors", Map.of(name, "must be a number"));
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		String detail = "request body is not readable JSON of the expected shape: "
				+ (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse(""));
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail));
	}

	private static String title(String type) {
		String words = type.replace('-', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

}
