-- Dual monitoring: spending records, the latest scores of linked indicators, lights with their history, and the
-- disposal tasks a RED light opens.

create table execution (
    id            uuid           primary key,
    project_id    uuid           not null references budget_project (id),
    amount        numeric(18, 2) not null check (amount > 0),
    spent_on      date           not null,
    note          varchar(500),
    overspend     boolean        not null default false,
    recorded_by   varchar(128)   not null,
    recorded_at   timestamptz    not null
);
create index execution_by_project on execution (project_id);

create table indicator_score (
    subject_code    varchar(32)     not null,
    indicator_code  varchar(64)     not null,
    period          varchar(16)     not null,
    score           numeric(20, 10) not null,
    recorded_at     timestamptz     not null,
    event_id        uuid            not null,
    primary key (subject_code, indicator_code, period)
);

create table project_light (
    project_id      uuid            primary key references budget_project (id),
    light           varchar(8)      not null,
    execution_rate  numeric(20, 10) not null,
    time_progress   numeric(20, 10) not null,
    pace            numeric(20, 10),
    goal_score      numeric(20, 10),
    reasons         jsonb           not null,
    assessed_on     date            not null,
    assessed_at     timestamptz     not null
);

create table light_change (
    id            bigserial    primary key,
    project_id    uuid         not null references budget_project (id),
    from_light    varchar(8),
    to_light      varchar(8)   not null,
    reasons       jsonb        not null,
    assessed_on   date         not null,
    changed_at    timestamptz  not null
);
create index light_change_by_project on light_change (project_id, id);

create table disposal_task (
    id           uuid          primary key,
    project_id   uuid          not null references budget_project (id),
    subject_code varchar(32)   not null,
    status       varchar(8)    not null,
    reasons      jsonb         not null,
    action       varchar(16),
    note         varchar(1000),
    opened_at    timestamptz   not null,
    closed_at    timestamptz,
    closed_by    varchar(128),
    version      bigint        not null default 0
);
create index disposal_task_open on disposal_task (status, opened_at);
