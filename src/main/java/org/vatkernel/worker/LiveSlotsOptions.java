package org.vatkernel.worker;

/** The options liveslots takes in {@code setBundle}; SwingSet sends both, false by default. */
public record LiveSlotsOptions(boolean enableDisavow, boolean relaxDurabilityRules) {

	public static final LiveSlotsOptions DEFAULTS = new LiveSlotsOptions(false, false);

}
