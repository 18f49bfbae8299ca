package org.vatkernel.kernel.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.vatkernel.kernel.RequestRefusedException;
import org.vatkernel.model.VatProtocolJson;
import tools.jackson.databind.JsonNode;

/**
 * Checks an uploaded bundle before it is stored: an endoZipBase64 bundle whose zip holds a
 * {@code compartment-map.json} with the SHA-512 {@code endoZipBase64Sha512} claims (what
 * endo's {@code checkBundle} verifies), so that its id ({@code b1-<sha512>}) names what it is.
 */
public final class BundleCheck {

	private BundleCheck() {
	}

	/** @return the bundle's id */
	public static String check(String bundleJson) {
		JsonNode bundle;
		try {
			bundle = VatProtocolJson.parse(bundleJson);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("the bundle is not JSON: " + ex.getMessage());
		}
		if (!bundle.isObject()) {
			throw invalid("the bundle is not a JSON object");
		}
		if (!"endoZipBase64".equals(bundle.path("moduleFormat").asString(""))) {
			throw invalid("moduleFormat must be \"endoZipBase64\", not " + bundle.path("moduleFormat"));
		}
		if (!bundle.path("endoZipBase64").isString()) {
			throw invalid("endoZipBase64 is missing or not a string");
		}
		if (!bundle.path("endoZipBase64Sha512").isString()) {
			throw invalid("endoZipBase64Sha512 is missing or not a string");
		}
		byte[] zip;
		try {
			zip = Base64.getDecoder().decode(bundle.path("endoZipBase64").stringValue());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("endoZipBase64 is not base64: " + ex.getMessage());
		}
		byte[] compartmentMap = compartmentMap(zip);
		String claimed = bundle.path("endoZipBase64Sha512").stringValue();
		String actual = HexFormat.of().formatHex(sha512(compartmentMap));
		if (!actual.equals(claimed)) {
			throw invalid("endoZipBase64Sha512 " + claimed + " is not the SHA-512 of the bundle's compartment-map.json ("
					+ actual + ")");
		}
		return "b1-" + actual;
	}

	private static byte[] compartmentMap(byte[] zip) {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				if (entry.getName().equals("compartment-map.json")) {
					return in.readAllBytes();
				}
			}
		}
		catch (IOException ex) {
			throw invalid("endoZipBase64 is not a readable zip archive: " + ex.getMessage());
		}
		throw invalid("endoZipBase64 is not an endo archive: it has no compartment-map.json");
	}

	private static byte[] sha512(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-512").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RequestRefusedException invalid(String message) {
		return new RequestRefusedException("invalid-bundle", RequestRefusedException.Kind.INVALID, message);
	}

}
