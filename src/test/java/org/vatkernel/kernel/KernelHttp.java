package org.vatkernel.kernel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;
import org.vatkernel.security.TestUsers;

/** A tiny HTTP client for tests that check what an operator would see. */
public final class KernelHttp {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private KernelHttp() {
	}

	/** A GET as the test operator. */
	public static HttpResponse<String> get(int port, String path) {
		return get(port, path, TestUsers.OPERATOR);
	}

	/** A GET as {@code user}, or anonymous when it is null. */
	public static HttpResponse<String> get(int port, String path, @Nullable TestUsers user) {
		return send(request(port, path, user).GET().build());
	}

	/** A POST as the test operator. */
	public static HttpResponse<String> post(int port, String path, String json) {
		return post(port, path, json, TestUsers.OPERATOR);
	}

	public static HttpResponse<String> post(int port, String path, String json, @Nullable TestUsers user) {
		return send(request(port, path, user).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/** A GET with a raw {@code Authorization} header (a wrong password, another scheme). */
	public static HttpResponse<String> getWithAuthorization(int port, String path, String authorization) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", authorization)
			.GET()
			.build());
	}

	/** Any method without a body, anonymous, with extra headers (name, value, …). */
	public static HttpResponse<String> send(int port, String path, String method, String[] headers) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.headers(headers)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private static HttpRequest.Builder request(int port, String path, @Nullable TestUsers user) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		return user == null ? request : request.header("Authorization", user.basicAuth());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
