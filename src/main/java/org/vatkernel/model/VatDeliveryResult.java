package org.vatkernel.model;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one delivery, SwingSet's {@code [status, problem|results, meterUsage]}.
 * {@code status} is {@code ok} or {@code error}; on error {@code problem} says why (liveslots'
 * dispatch rejected, or a metering fault such as {@code Compute meter exceeded}). A metering
 * fault has no meter usage. {@code resultsJson} is the raw JSON liveslots returned with
 * {@code ok} (only {@code bringOutYourDead} returns anything).
 */
public record VatDeliveryResult(String status, @Nullable String problem, @Nullable String resultsJson,
		@Nullable MeterUsage meterUsage) {

	public VatDeliveryResult {
		Objects.requireNonNull(status, "status");
		if (!status.equals("ok") && !status.equals("error")) {
			throw new IllegalArgumentException("delivery status must be ok or error, not " + status);
		}
	}

	public static VatDeliveryResult ok(@Nullable String resultsJson, @Nullable MeterUsage meterUsage) {
		return new VatDeliveryResult("ok", null, resultsJson, meterUsage);
	}

	public static VatDeliveryResult error(String problem, @Nullable MeterUsage meterUsage) {
		return new VatDeliveryResult("error", problem, null, meterUsage);
	}

	public boolean isOk() {
		return this.status.equals("ok");
	}

}
