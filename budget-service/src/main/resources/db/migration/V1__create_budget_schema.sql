-- budget-service owns budget projects, rule tables and proposals, plus read copies of subjects and results.

create table known_subject (
    code         varchar(32)  primary key,
    name_zh      varchar(200) not null,
    parent_code  varchar(32),
    updated_at   timestamptz  not null
);

create table budget_project (
    id                 uuid           primary key,
    subject_code       varchar(32)    not null,
    fiscal_year        integer        not null,
    category           varchar(16)    not null,
    name               varchar(200)   not null,
    approved_amount    numeric(18, 2) not null check (approved_amount >= 0),
    linked_indicators  jsonb          not null,
    created_at         timestamptz    not null,
    version            bigint         not null default 0
);
create index budget_project_by_subject on budget_project (subject_code, fiscal_year);

-- versioned result-linkage rules per fiscal year; fiscal_year 0 holds the default used for any year without its own
create table rule_table (
    fiscal_year  integer      not null,
    version      integer      not null,
    rules        jsonb        not null,
    created_at   timestamptz  not null,
    primary key (fiscal_year, version)
);

create table result_input (
    subject_code  varchar(32)     not null,
    period        varchar(16)     not null,
    cycle_id      uuid            not null,
    grade         varchar(16),
    composite     numeric(20, 10),
    event_id      uuid            not null,
    received_at   timestamptz     not null,
    primary key (subject_code, period)
);

create table political_input (
    subject_code  varchar(32)     not null,
    period        varchar(16)     not null,
    political     numeric(20, 10),
    computed_at   timestamptz     not null,
    event_id      uuid            not null,
    primary key (subject_code, period)
);

create table proposal (
    id                  uuid           primary key,
    project_id          uuid           not null references budget_project (id),
    subject_code        varchar(32)    not null,
    fiscal_year         integer        not null,
    based_on_year       integer        not null,
    current_amount      numeric(18, 2) not null,
    proposed_amount     numeric(18, 2) not null,
    ceiling_amount      numeric(18, 2) not null,
    adjustment_percent  numeric(8, 4)  not null,
    action              varchar(16)    not null,
    rule                varchar(100)   not null,
    rule_table_version  integer        not null,
    explanation         jsonb          not null,
    source_event        uuid           not null,
    created_at          timestamptz    not null,
    unique (project_id, fiscal_year)
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
