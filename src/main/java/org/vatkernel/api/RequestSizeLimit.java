package org.vatkernel.api;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses an {@code /api} request whose declared body is larger than its limit before reading
 * it (413, a problem detail). A body sent without a length is bounded by the controllers' own
 * limits on what they read.
 */
@Component
@EnableConfigurationProperties(ApiProperties.class)
class RequestSizeLimit extends OncePerRequestFilter {

	private final ApiProperties properties;

	private final JsonMapper json;

	RequestSizeLimit(ApiProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitFor(request);
		long length = request.getContentLengthLong();
		if (length > limit) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"the request body has " + length + " bytes; the limit for " + request.getRequestURI() + " is "
							+ limit);
			problem.setType(URI.create(ApiExceptionHandler.TYPE_BASE + "body-too-large"));
			problem.setTitle("Request body too large");
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(this.json.writeValueAsString(problem));
			return;
		}
		chain.doFilter(request, response);
	}

	long limitFor(HttpServletRequest request) {
		boolean bundle = "POST".equals(request.getMethod()) && request.getRequestURI().equals("/api/bundles");
		return (bundle ? this.properties.maxBundleSize() : this.properties.maxBodySize()).toBytes();
	}

}
