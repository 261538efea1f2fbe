-- Indicator definitions are versioned (issue 3): each version applies from a period on, optionally up to one; the
-- indicator row mirrors its latest version. A value keeps the version it was scored with.
alter table indicator add column satisfaction boolean not null default false;
alter table indicator add column definition_version integer not null default 1;

create table indicator_version (
    id              bigserial      primary key,
    indicator_code  varchar(64)    not null references indicator (code),
    version_no      integer        not null,
    valid_from      varchar(16),
    valid_to        varchar(16),
    -- months since year 0 (year * 12 + month - 1) of valid_from's first and valid_to's last month
    from_month      integer        not null,
    to_month        integer,
    name_zh         varchar(200)   not null,
    name_en         varchar(200),
    dimension       varchar(16)    not null,
    objective       varchar(64),
    kind            varchar(16)    not null,
    unit            varchar(32),
    polarity        varchar(16)    not null,
    baseline        numeric(24, 8),
    target          numeric(24, 8),
    floor           numeric(24, 8),
    range_lo        numeric(24, 8),
    range_hi        numeric(24, 8),
    tolerance       numeric(24, 8),
    rubric          jsonb,
    gate            boolean        not null default false,
    satisfaction    boolean        not null default false,
    weight          numeric(10, 4) not null,
    frequency       varchar(16)    not null,
    data_source     varchar(200),
    subjects        jsonb,
    reason          varchar(500),
    created_by      varchar(128)   not null,
    created_at      timestamptz    not null default now(),
    unique (indicator_code, version_no)
);
create index indicator_version_in_force on indicator_version (from_month, to_month);

insert into indicator_version (indicator_code, version_no, valid_from, valid_to, from_month, to_month, name_zh,
        name_en, dimension, objective, kind, unit, polarity, baseline, target, floor, range_lo, range_hi, tolerance,
        rubric, gate, weight, frequency, data_source, subjects, reason, created_by, created_at)
    select code, 1, null, null, 0, null, name_zh, name_en, dimension, objective, kind, unit, polarity, baseline,
        target, floor, range_lo, range_hi, tolerance, rubric, gate, weight, frequency, data_source, subjects,
        'the definition as first registered', 'migration', created_at
    from indicator;

-- COUNTED: scored into the scorecard (the current one, or history); HELD: waiting for an admin's review (a data-quality
-- flag), not counted; REJECTED: refused at review; WITHDRAWN: a held value replaced by a later report.
alter table indicator_value add column definition_version integer not null default 1;
alter table indicator_value add column status varchar(16) not null default 'COUNTED';
create index indicator_value_held on indicator_value (subject_code, indicator_code, period) where status = 'HELD';

-- Data-quality flags (DESIGN section 3): ZOMBIE per indicator and year; SUSPICIOUS_HIGH and OUTLIER per held value.
create table quality_flag (
    id              bigserial      primary key,
    kind            varchar(16)    not null,
    status          varchar(16)    not null,
    subject_code    varchar(32)    references subject (code),
    indicator_code  varchar(64)    not null references indicator (code),
    period          varchar(16)    not null,
    value_id        bigint         references indicator_value (id),
    value           numeric(24, 8),
    detail          varchar(500)   not null,
    raised_at       timestamptz    not null,
    reviewed_by     varchar(128),
    reviewed_at     timestamptz,
    review_note     varchar(500),
    version         bigint         not null default 0
);
create index quality_flag_list on quality_flag (status, id);
create index quality_flag_subject on quality_flag (subject_code, id);
create unique index quality_flag_one_zombie on quality_flag (indicator_code, period) where kind = 'ZOMBIE';
create unique index quality_flag_one_per_value on quality_flag (value_id, kind) where value_id is not null;
