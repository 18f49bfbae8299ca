-- The transcript position of a vat's in-use heap snapshot, also on the vat row: the kernel
-- checks after every delivery whether a snapshot is due, and reading it from heap_snapshot
-- makes H2 read the snapshot blob stored in that row. Null: no snapshot. Not consensus state
-- (snapshots are a cache), so the state hash leaves it out.
alter table vat add column snapshot_pos bigint;
update vat set snapshot_pos = (select h.snap_pos from heap_snapshot h where h.vat_id = vat.vat_id and h.in_use = true);
