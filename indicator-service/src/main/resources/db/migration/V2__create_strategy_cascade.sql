-- The strategy cascade: a mission, its strategic objectives (each in one of the five dimensions) with cause-effect
-- links between them (the strategy map), and the indicators that measure each objective (indicator.objective).

create table mission (
    code        varchar(64)  primary key,
    name_zh     varchar(200) not null,
    name_en     varchar(200),
    statement   varchar(2000),
    version     bigint       not null default 0,
    created_at  timestamptz  not null default now()
);

create table strategic_objective (
    code          varchar(64)  primary key,
    mission_code  varchar(64)  not null references mission (code),
    dimension     varchar(16)  not null,
    name_zh       varchar(200) not null,
    name_en       varchar(200),
    version       bigint       not null default 0,
    created_at    timestamptz  not null default now()
);

create index strategic_objective_mission on strategic_objective (mission_code);

-- cause → effect: learning drives process, process drives the public, the public drives finance; political above all
create table objective_cause (
    effect_code  varchar(64) not null references strategic_objective (code),
    cause_code   varchar(64) not null references strategic_objective (code),
    primary key (effect_code, cause_code),
    check (effect_code <> cause_code)
);
