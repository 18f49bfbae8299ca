-- Devices, the vatAdmin service's meters, and vats created by vats (SwingSet's vatAdmin).

-- Device nodes: a kref kdN names one node of one of the kernel's built-in devices ('vatAdmin':
-- its root 'd+0' and one bundlecap 'd+N' per bundle asked for; 'timer': its root). A vat holds
-- a node as d-N in its c-list. Device nodes are never collected, as in SwingSet.
create table device_node (
    kref        varchar(32) primary key,
    device_name varchar(32) not null,
    node        varchar(64) not null
);
create unique index device_node_by_node on device_node (device_name, node);

-- A device's own state (SwingSet keeps it in the kvStore under the device's id): written only
-- inside a crank, so it commits and rolls back with it.
create table device_state (
    device_name varchar(32)  not null,
    key_name    varchar(300) not null,
    val         text         not null,
    primary key (device_name, key_name)
);

-- Meters made by vatAdmin's createMeter / createUnlimitedMeter: remaining computrons (a decimal
-- integer, or 'unlimited') and the notification threshold. A metered vat's deliveries are
-- deducted from its meter after the crank's rollback, so the deduction survives an abort.
create table meter (
    meter_id  varchar(32) primary key,
    remaining varchar(80) not null,
    threshold varchar(80) not null
);

-- Who created a vat: 'config' (a static vat), 'vatAdmin' (another vat asked, through SwingSet's
-- vatAdmin) or 'operator' (POST /api/vats); which vat asked (for 'vatAdmin', when the kernel can
-- tell: the vat waiting for the answer), and the meter it is charged to.
alter table vat add column source varchar(16) not null default 'config';
alter table vat add column parent_vat_id varchar(16);
alter table vat add column meter_id varchar(32);

-- kd refs start at 30 and meter ids at m1, as in SwingSet.
insert into kernel_counter (name, next_value) values ('kd', 30), ('meter', 1);

-- Vats created through vatAdmin may share a name (Zoe names every instance of a contract
-- alike, as SwingSet allows); the config's and the operator's vats are still refused a taken one.
drop index vat_name;
create index vat_name on vat (name);
