-- survey-service owns surveys, responses and satisfaction indices, plus a read copy of subjects.

create table known_subject (
    code         varchar(32)  primary key,
    name_zh      varchar(200) not null,
    parent_code  varchar(32),
    updated_at   timestamptz  not null
);

create table survey (
    id             uuid          primary key,
    subject_code   varchar(32)   not null,
    period         varchar(16)   not null,
    title_zh       varchar(200)  not null,
    title_en       varchar(200),
    status         varchar(16)   not null,
    access         varchar(16)   not null,
    group_weights  jsonb         not null,
    questions      jsonb         not null,
    created_at     timestamptz   not null,
    opened_at      timestamptz,
    closed_at      timestamptz,
    version        bigint        not null default 0
);
create index survey_by_subject on survey (subject_code, period);

create table survey_response (
    id              uuid            primary key,
    survey_id       uuid            not null references survey (id),
    subject_code    varchar(32)     not null,
    period          varchar(16)     not null,
    respondent      varchar(16)     not null,
    channel         varchar(16)     not null,
    fingerprint     char(64)        not null,
    duration_ms     bigint,
    score           numeric(20, 10),
    status          varchar(16)     not null,
    flags           jsonb           not null,
    answers         jsonb           not null,
    submitted_at    timestamptz     not null
);
create index survey_response_index on survey_response (subject_code, period, status, respondent);

-- subject-periods whose index must be recomputed (marked by each response, cleared by the recompute)
create table satisfaction_dirty (
    subject_code  varchar(32)  not null,
    period        varchar(16)  not null,
    primary key (subject_code, period)
);

create table satisfaction (
    subject_code    varchar(32)     not null,
    period          varchar(16)     not null,
    satisfaction    numeric(20, 10),
    sample_size     bigint          not null,
    standard_error  numeric(20, 10),
    lower95         numeric(20, 10),
    upper95         numeric(20, 10),
    groups          jsonb           not null,
    flags           jsonb           not null,
    computed_at     timestamptz     not null,
    version         bigint          not null default 0,
    primary key (subject_code, period)
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
