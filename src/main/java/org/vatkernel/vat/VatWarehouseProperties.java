package org.vatkernel.vat;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many workers run at once and when heap snapshots are taken.
 *
 * @param maxWorkersOnline at most this many vats have a live worker; the least recently used
 * is stopped to make room and brought back from its snapshot and transcript when needed
 * @param snapshotInterval take a heap snapshot of a vat once this many transcript entries
 * follow its last one (after a {@code bringOutYourDead}, at the same point on every node);
 * 0 turns snapshots off. SwingSet's default is 200.
 * @param snapshotInitial the first snapshot of a vat comes as soon as its transcript has this
 * many entries (SwingSet's {@code snapshotInitial}, default 3), so that a vat evicted early is
 * restored rather than booted and replayed; 0 leaves the first one to the interval
 * @param keepOldSnapshots keep superseded snapshots (operators can audit them) or delete them
 */
@Validated
@ConfigurationProperties("kernel")
public record VatWarehouseProperties(@Min(1) @DefaultValue("50") int maxWorkersOnline,
		@Min(0) @DefaultValue("200") int snapshotInterval, @Min(0) @DefaultValue("3") int snapshotInitial,
		@DefaultValue("true") boolean keepOldSnapshots) {
}
