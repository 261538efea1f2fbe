-- A value file accepted for import (202) is a row here, committed before the answer: the file's bytes wait in it
-- until a worker has run the import, so a restart of the service, or of the replica that accepted it, loses nothing.
-- A worker runs a job in one transaction that holds the job's row (for no key update) from the claim to the import's
-- commit, and records the outcome in that same transaction: the values and "DONE" commit together or not at all. A
-- job whose worker died has an unfinished row that nobody holds, and the next worker to look takes it.
create table value_import_job (
    id            uuid          primary key,
    owner         varchar(128)  not null,             -- the submitter's JWT subject: only it, or an admin, reads the job
    is_admin      boolean       not null,
    is_system     boolean       not null,
    dept          varchar(32),
    partial       boolean       not null,
    xlsx          boolean       not null,
    file          bytea,                               -- cleared once the job has finished
    row_count     integer       not null,
    status        varchar(16)   not null,              -- QUEUED until finished, then DONE, REJECTED or FAILED
    outcome       jsonb,
    failure       text,
    correlation_id varchar(64),                        -- the request's X-Request-Id, carried by the import's events
    submitted_at  timestamptz   not null,
    finished_at   timestamptz
);
create index value_import_job_waiting on value_import_job (submitted_at) where finished_at is null;
create index value_import_job_by_owner on value_import_job (owner, submitted_at desc);

-- What a running job has done so far, written in short transactions of their own while the job's transaction is
-- still open (nobody else could see its counts otherwise). attempts counts the runs started: a file that stops the
-- service every time it is run is failed after three.
create table value_import_progress (
    job_id      uuid          primary key references value_import_job on delete cascade,
    status      varchar(16)   not null,                -- CHECKING or WRITING
    attempts    integer       not null,
    checked     integer       not null,
    written     integer       not null,
    last_error  text,
    updated_at  timestamptz   not null
);
