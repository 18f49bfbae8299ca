package org.vatkernel.kernel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A tiny HTTP client for tests that check what an operator would see. */
public final class KernelHttp {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private KernelHttp() {
	}

	public static HttpResponse<String> get(int port, String path) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build());
	}

	public static HttpResponse<String> post(int port, String path, String json) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
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
