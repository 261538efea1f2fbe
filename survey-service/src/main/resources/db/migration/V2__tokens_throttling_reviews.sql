-- Single-use invitation tokens: only the SHA-256 of the token is kept; consuming it is one conditional update.
create table survey_token (
    token_hash   char(64)     primary key,
    survey_id    uuid         not null references survey (id),
    batch_id     uuid         not null,
    channel      varchar(16),
    created_at   timestamptz  not null,
    used_at      timestamptz
);
create index survey_token_by_batch on survey_token (survey_id, batch_id);

alter table survey_response add column token_batch uuid;
-- throttling and burst detection look at one device's recent responses
create index survey_response_by_device on survey_response (fingerprint, submitted_at);
create index survey_response_by_survey on survey_response (survey_id, status);
alter table survey_response add column reviewed_by varchar(128);
alter table survey_response add column reviewed_at timestamptz;

-- 好差评: one rating per service case (case number from the service-hall or app system)
create table service_review (
    id              uuid          primary key,
    case_no         varchar(64)   not null unique,
    subject_code    varchar(32)   not null,
    service_item    varchar(200),
    level           varchar(24)   not null,
    channel         varchar(16)   not null,
    comment         varchar(2000),
    rated_at        timestamptz   not null,
    source_system   varchar(128)  not null,
    status          varchar(16)   not null,
    void_reason     varchar(16),
    void_note       varchar(2000),
    voided_by       varchar(128),
    voided_at       timestamptz
);
create index service_review_by_subject on service_review (subject_code, rated_at);

-- a bad review's rectification case: due 15 working days after the rating
create table rectification_case (
    id              uuid          primary key,
    review_id       uuid          not null unique references service_review (id),
    subject_code    varchar(32)   not null,
    opened_at       timestamptz   not null,
    due_date        date          not null,
    status          varchar(16)   not null,
    answer          varchar(4000),
    answered_by     varchar(128),
    answered_at     timestamptz,
    closing_note    varchar(4000),
    closed_by       varchar(128),
    closed_at       timestamptz,
    version         bigint        not null default 0
);
create index rectification_by_subject on rectification_case (subject_code, status);

-- the working-day calendar: public holidays, and the weekend days worked in exchange (调休)
create table calendar_day (
    day    date         primary key,
    kind   varchar(16)  not null,
    name   varchar(100) not null
);
