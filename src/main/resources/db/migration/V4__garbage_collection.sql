-- Distributed garbage collection (SwingSet's "Cross-Vat (kernel) Tracking").

-- GC actions waiting to be delivered: "tell vat_id to dropExport/retireExport/retireImport kref".
-- A set, as SwingSet's gcActions; processed one (vat, type) group per crank, before the reap
-- and run queues.
create table gc_action (
    vat_id varchar(16) not null,
    action varchar(16) not null,
    kref   varchar(32) not null,
    primary key (vat_id, action, kref),
    constraint gc_action_type check (action in ('dropExport', 'retireExport', 'retireImport'))
);

-- Which vats import an object: retireKernelObjects looks them up by kref.
create index clist_kref on clist (kref);

-- Promise references held by the host (queueToVatRoot results it may still ask about): part of
-- ref_count, kept apart so that the refcount checker can account for them.
alter table kernel_promise add column external_refs integer not null default 0;

-- "Dirt" since the vat's last bringOutYourDead: deliveries and GC krefs delivered. Crossing the
-- vat's reap thresholds queues a bringOutYourDead.
alter table vat add column reap_dirt_deliveries bigint not null default 0;
alter table vat add column reap_dirt_gc_krefs bigint not null default 0;

-- A terminated vat whose state is still being released, a bounded amount per crank:
-- 'exports', 'imports', 'promises', 'kv', 'snapshots', then null (done).
alter table vat add column cleanup_phase varchar(16);
