-- Vat upgrade (SwingSet's processUpgradeVat): a vat's incarnation number (0 until its first
-- upgrade) and the transcript position its current incarnation starts at. A vat brought online
-- replays only its current incarnation (from its snapshot, or from that position); the earlier
-- entries stay as history.
alter table vat add column incarnation integer not null default 0;
alter table vat add column incarnation_start bigint not null default 0;

-- Which incarnation each transcript entry belongs to, so that one can be paged at a time.
alter table transcript_entry add column incarnation integer not null default 0;

-- Every upgrade that succeeded: from which bundle to which, at which crank, and who asked (a vat,
-- through its adminNode, or an operator through POST /api/vats/{vatId}/upgrade).
create table vat_upgrade (
    vat_id       varchar(16)  not null,
    incarnation  integer      not null,
    from_bundle  varchar(200) not null,
    to_bundle    varchar(200) not null,
    crank        bigint       not null,
    requested_by varchar(200),
    primary key (vat_id, incarnation)
);

-- Upgrades an operator asked for, by the kpid of the upgradeStaticVat message to vatAdmin
-- (whose resolution is the outcome): who asked and when, this node's audit trail.
create table vat_upgrade_request (
    kpid         varchar(32)  primary key,
    vat_id       varchar(16)  not null,
    bundle_id    varchar(200) not null,
    requested_by varchar(200) not null,
    requested_at timestamp    not null
);

-- Upgrade ids (up1, up2, ...), as SwingSet's vat.nextUpgradeID.
insert into kernel_counter (name, next_value) values ('upgrade', 1);
