-- A heap snapshot's row is written inside the crank that takes it (position, hash, size: what
-- the worker's restart and a later replay need) and its compressed bytes after that crank has
-- committed, off the crank's path. Until then (or for ever, if the process died in between)
-- compressed is null and compressed_size 0: bringing the vat online then starts from an older
-- stored snapshot and takes this one again at its position during the replay.
alter table heap_snapshot alter column compressed drop not null;
