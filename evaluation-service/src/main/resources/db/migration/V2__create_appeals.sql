-- Appeals against published results, and the idempotency keys of the assessors' bulk submissions.

create table appeal (
    id             uuid           primary key,
    cycle_id       uuid           not null references cycle (id),
    subject_code   varchar(32)    not null,
    reason         varchar(4000)  not null,
    status         varchar(16)    not null,
    submitted_by   varchar(128)   not null,
    submitted_at   timestamptz    not null,
    decided_by     varchar(128),
    decided_at     timestamptz,
    decision_note  varchar(2000),
    amendment      jsonb,
    version        bigint         not null default 0
);
create unique index appeal_one_open on appeal (cycle_id, subject_code) where status = 'SUBMITTED';

create table idempotency_key (
    caller        varchar(128)  not null,
    key           varchar(128)  not null,
    request_hash  char(64)      not null,
    response      jsonb         not null,
    created_at    timestamptz   not null,
    primary key (caller, key)
);
