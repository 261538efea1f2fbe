-- indicator-service owns subjects, indicators, scorecards, values and computed scores.

create table subject (
    code         varchar(32)  primary key,
    name_zh      varchar(200) not null,
    name_en      varchar(200),
    parent_code  varchar(32)  references subject (code),
    level        varchar(16)  not null,
    active_from  date,
    active_to    date,
    version      bigint       not null default 0,
    created_at   timestamptz  not null default now()
);

create table indicator (
    code          varchar(64)   primary key,
    name_zh       varchar(200)  not null,
    name_en       varchar(200),
    dimension     varchar(16)   not null,
    objective     varchar(64),
    kind          varchar(16)   not null,
    unit          varchar(32),
    polarity      varchar(16)   not null,
    baseline      numeric(24, 8),
    target        numeric(24, 8),
    floor         numeric(24, 8),
    range_lo      numeric(24, 8),
    range_hi      numeric(24, 8),
    tolerance     numeric(24, 8),
    rubric        jsonb,
    gate          boolean       not null default false,
    weight        numeric(10, 4) not null,
    frequency     varchar(16)   not null,
    data_source   varchar(200),
    subjects      jsonb,
    version       bigint        not null default 0,
    created_at    timestamptz   not null default now()
);

-- per subject and period: dimension weights and light thresholds (defaults apply when absent)
create table scorecard_config (
    subject_code      varchar(32)   not null references subject (code),
    period            varchar(16)   not null,
    dimension_weights jsonb         not null,
    green_threshold   numeric(6, 2) not null,
    yellow_threshold  numeric(6, 2) not null,
    version           bigint        not null default 0,
    primary key (subject_code, period)
);

-- per subject and period: an indicator's weight/target override or its not-applicable mark
create table scorecard_line (
    subject_code    varchar(32)    not null references subject (code),
    period          varchar(16)    not null,
    indicator_code  varchar(64)    not null references indicator (code),
    weight          numeric(10, 4),
    target          numeric(24, 8),
    not_applicable  boolean        not null default false,
    primary key (subject_code, period, indicator_code)
);

create table indicator_value (
    id                 bigserial     primary key,
    subject_code       varchar(32)   not null references subject (code),
    indicator_code     varchar(64)   not null references indicator (code),
    period             varchar(16)   not null,
    actual             numeric(24, 8),
    level              varchar(16),
    score              numeric(20, 10) not null,
    light              varchar(8)    not null,
    source             varchar(64)   not null,
    evidence_url       varchar(500),
    reported_by        varchar(128)  not null,
    reported_at        timestamptz   not null,
    correction_reason  varchar(500),
    is_current         boolean       not null default true
);
create unique index indicator_value_current on indicator_value (subject_code, indicator_code, period) where is_current;
create index indicator_value_history on indicator_value (subject_code, indicator_code, period, reported_at);

create table scorecard_result (
    subject_code   varchar(32)     not null references subject (code),
    period         varchar(16)     not null,
    total          numeric(20, 10),
    grade          varchar(16),
    gate_status    varchar(16)     not null,
    detail         jsonb           not null,
    computed_at    timestamptz     not null,
    version        bigint          not null default 0,
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
