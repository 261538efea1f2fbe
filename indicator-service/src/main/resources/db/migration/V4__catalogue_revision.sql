-- Every scoring request needs the definitions in force; the service keeps them in memory, tagged with the catalogue's
-- revision, and reads only this one row per transaction to know whether its copy is still the latest. Any change to
-- indicator_version (whatever writes it: the API, a migration, a script) moves the revision on. The revision comes
-- from a sequence, so a rolled-back change's number is never given to a later one: a copy loaded inside a transaction
-- that then rolled back can never pass for a committed state.
create sequence catalogue_revision_seq;
create table catalogue_revision (
    id       integer primary key check (id = 1),
    revision bigint  not null
);
insert into catalogue_revision (id, revision) values (1, nextval('catalogue_revision_seq'));

create function catalogue_changed() returns trigger language plpgsql as $$
begin
    update catalogue_revision set revision = nextval('catalogue_revision_seq') where id = 1;
    return null;
end $$;

create trigger indicator_version_changed after insert or update or delete on indicator_version
    for each statement execute function catalogue_changed();
create trigger indicator_version_truncated after truncate on indicator_version
    for each statement execute function catalogue_changed();
