-- Heap snapshots of vat workers: the xsnap heap after the vat's first snap_pos transcript
-- entries, gzip-compressed, with the SHA-256 of the uncompressed bytes (SwingSet's snapshot id).
-- A vat is brought online from its in-use snapshot plus the transcript entries from snap_pos on.
-- Snapshots are a cache of what the transcript says: deleting every row changes no vat's
-- behaviour, only how long it takes to bring it online.
create table heap_snapshot (
    vat_id            varchar(16)  not null references vat (vat_id),
    snap_pos          bigint       not null,
    hash              varchar(64)  not null,
    uncompressed_size bigint       not null,
    compressed_size   bigint       not null,
    compressed        bytea        not null,
    in_use            boolean      not null,
    created_at        timestamp    not null,
    primary key (vat_id, snap_pos)
);

-- The reap queue: bringOutYourDead deliveries that are due (before a heap snapshot, or by the
-- vat's reap interval). Taken after the acceptance queue and before the run queue.
alter table kernel_queue drop constraint kernel_queue_name;
alter table kernel_queue add constraint kernel_queue_name check (queue in ('acceptance', 'reap', 'run'));
