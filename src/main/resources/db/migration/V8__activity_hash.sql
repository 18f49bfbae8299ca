-- SwingSet's activity hash: a chain over every committed transaction's consensus writes
-- (ActivityLog has the encoding). One row, the latest link, starting from the empty string; the
-- crank number it was sealed at, for the status.
create table activity_hash (
    id           integer      not null primary key,
    hash         varchar(64)  not null,
    crank        bigint       not null
);
insert into activity_hash (id, hash, crank) values (1, '', 0);
