package org.vatkernel.model;

/**
 * xsnap's meter reading for one command: {@code compute} is the deterministic computron count,
 * {@code allocate} the bytes the machine has allocated, {@code currentHeapCount} the live heap
 * slots. The worker's wall-clock timestamps are not kept: they differ on every node.
 */
public record MeterUsage(long compute, long allocate, long currentHeapCount) {

	/** The meter type xsnap 0.15 reports, as SwingSet names it. */
	public static final String METER_TYPE = "xs-meter-37";

}
