-- evaluation-service owns cycles, assignments, ratings, the ledger and results, plus read copies of others' events.

create table known_subject (
    code         varchar(32)  primary key,
    name_zh      varchar(200) not null,
    parent_code  varchar(32),
    updated_at   timestamptz  not null
);

create table cycle (
    id                  uuid          primary key,
    name                varchar(200)  not null,
    period              varchar(16)   not null,
    status              varchar(16)   not null,
    w_superior          numeric(6, 2) not null,
    w_public            numeric(6, 2) not null,
    w_third_party       numeric(6, 2) not null,
    w_peer              numeric(6, 2) not null,
    objective_share     numeric(5, 4) not null,
    self_share          numeric(5, 4) not null,
    missing_policy      varchar(16)   not null,
    min_public_sample   integer       not null,
    trim_at_least       integer       not null,
    appeal_window_days  integer       not null,
    criteria            jsonb         not null,
    created_at          timestamptz   not null,
    opened_at           timestamptz,
    closed_at           timestamptz,
    finalized_at        timestamptz,
    published_at        timestamptz,
    version             bigint        not null default 0
);

create table cycle_subject (
    cycle_id      uuid         not null references cycle (id),
    subject_code  varchar(32)  not null,
    primary key (cycle_id, subject_code)
);

create table assignment (
    id            uuid         primary key,
    cycle_id      uuid         not null references cycle (id),
    party         varchar(16)  not null,
    evaluator     varchar(128) not null,
    subject_code  varchar(32)  not null,
    unique (cycle_id, party, evaluator, subject_code)
);

create table rating (
    id            uuid            primary key,
    cycle_id      uuid            not null references cycle (id),
    subject_code  varchar(32)     not null,
    party         varchar(16)     not null,
    evaluator     varchar(128)    not null,
    criteria      jsonb           not null,
    value         numeric(20, 10) not null,
    comment       varchar(2000),
    evidence_url  varchar(500),
    submitted_by  varchar(128)    not null,
    submitted_at  timestamptz     not null,
    is_current    boolean         not null default true
);
create unique index rating_current on rating (cycle_id, subject_code, party, evaluator) where is_current;
create index rating_by_cycle on rating (cycle_id, subject_code) where is_current;

create table ledger_entry (
    seq            bigserial    primary key,
    cycle_id       uuid         not null references cycle (id),
    rating_id      uuid         not null references rating (id),
    previous_hash  char(64)     not null,
    hash           char(64)     not null,
    content        text         not null,
    created_at     timestamptz  not null
);
create index ledger_by_cycle on ledger_entry (cycle_id, seq);

-- read copies of other services' results, with the event that delivered them (provenance)
create table scorecard_input (
    subject_code    varchar(32)     not null,
    period          varchar(16)     not null,
    total           numeric(20, 10),
    financial       numeric(20, 10),
    political       numeric(20, 10),
    grade           varchar(16),
    gate_status     varchar(16)     not null,
    computed_at     timestamptz     not null,
    event_id        uuid            not null,
    primary key (subject_code, period)
);

create table satisfaction_input (
    subject_code    varchar(32)     not null,
    period          varchar(16)     not null,
    satisfaction    numeric(20, 10) not null,
    sample_size     integer         not null,
    held            boolean         not null,
    computed_at     timestamptz     not null,
    event_id        uuid            not null,
    primary key (subject_code, period)
);

create table result (
    cycle_id      uuid            not null references cycle (id),
    subject_code  varchar(32)     not null,
    composite     numeric(20, 10),
    coverage      numeric(6, 2)   not null,
    grade         varchar(16),
    rank          integer,
    flags         jsonb           not null,
    breakdown     jsonb           not null,
    computed_at   timestamptz     not null,
    version       bigint          not null default 0,
    primary key (cycle_id, subject_code)
);

create table outbox_event (
    id              uuid         primary key,
    seq             bigserial    not null,
    topic           varchar(128) not null,
    event_type      varchar(128) not null,
    record_key      varchar(64)  not null,
    source          varchar(64)  not null,
    payload         jsonb        not null,
    correlation_id  varchar(64),
    created_at      timestamptz  not null,
    published_at    timestamptz,
    attempts        integer      not null default 0
);
create index outbox_event_pending on outbox_event (seq) where published_at is null;

create table processed_event (
    event_id      uuid         primary key,
    event_type    varchar(128) not null,
    processed_at  timestamptz  not null
);
