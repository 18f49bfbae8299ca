package org.vatkernel.kernel;

/** Reads samples out of a Prometheus text exposition, for tests that scrape {@code /actuator/prometheus}. */
public final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The sum of the samples of a metric whose label set contains each of the given
	 * {@code name="value"} pairs; 0 when there is none.
	 */
	public static double sum(String exposition, String metric, String... labels) {
		double sum = 0;
		for (String line : exposition.split("\n")) {
			if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
				continue;
			}
			boolean matches = true;
			for (String label : labels) {
				matches &= line.contains(label);
			}
			if (matches) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

}
