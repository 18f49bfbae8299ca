package org.vatkernel.worker;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.vatkernel.worker.netstring.NetstringReader;

/**
 * A stand-in for {@code xsnap-worker}, run as a real child process through the same fd shim, for
 * the failures a real xsnap never produces: garbage frames, oversized frames, exit 0 in the
 * middle of a delivery (agoric-sdk #6259), an unknown uplink. It answers the boot commands like
 * xsnap (two evaluations, then {@code setBundle}) and misbehaves on the first delivery.
 *
 * Usage: {@code ScriptedXsnapWorker <mode> [xsnap args…]}.
 */
public final class ScriptedXsnapWorker {

	private static final String METER = "{\"compute\":1,\"allocate\":1,\"currentHeapCount\":1}";

	private ScriptedXsnapWorker() {
	}

	public static void main(String[] args) throws IOException {
		String mode = args[0];
		NetstringReader in = new NetstringReader(new BufferedInputStream(new FileInputStream("/dev/fd/3")), 50_000_000);
		OutputStream out = new FileOutputStream("/dev/fd/4");
		if (mode.equals("exit-during-boot")) {
			System.exit(3);
		}
		while (true) {
			byte[] command = in.read();
			String text = new String(command, StandardCharsets.UTF_8);
			if (command[0] == 'e') {
				frame(out, "." + METER + "\u0001");
			}
			else if (text.startsWith("?[\"setBundle\"")) {
				frame(out, "." + METER + "\u0001[\"dispatchReady\"]");
			}
			else if (text.startsWith("?[\"deliver\"")) {
				switch (mode) {
					case "garbage-frame" -> raw(out, "xyz:not a netstring");
					case "oversized-frame" -> raw(out, "999999999:");
					case "exit-zero-mid-delivery" -> System.exit(0);
					case "unknown-uplink" -> frame(out, "?[\"launchMissiles\"]");
					case "unknown-reply-tag" -> frame(out, "*what");
					case "bad-result" -> frame(out, "." + METER + "\u0001[\"weird\",null,null]");
					default -> throw new IllegalArgumentException("unknown mode " + mode);
				}
				sleepForever();
			}
		}
	}

	private static void frame(OutputStream out, String payload) throws IOException {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		out.write((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write(',');
		out.flush();
	}

	private static void raw(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void sleepForever() {
		try {
			Thread.sleep(Long.MAX_VALUE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
