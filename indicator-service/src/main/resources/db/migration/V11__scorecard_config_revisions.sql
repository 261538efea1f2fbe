-- Every configuration a subject's scorecard has had for a period, one row per PUT: the dimension weights, thresholds
-- and lines as set, who set them, when, why, and the total before and after. The configuration tables keep only the
-- one in force; a weight changed after the values are in changes a department's total, and an office has to be able
-- to say who changed it, from what, and what it did. revision is the scorecard's ETag once the change was made
-- (1 for the first configuration). Rows are only ever added.
create table scorecard_config_revision (
    id             bigserial       primary key,
    subject_code   varchar(32)     not null references subject (code),
    period         varchar(16)     not null,
    revision       bigint          not null,
    settings       jsonb           not null,
    reason         varchar(500),
    changed_by     varchar(128)    not null,
    changed_at     timestamptz     not null,
    total_before   numeric(20, 10),
    total_after    numeric(20, 10),
    unique (subject_code, period, revision)
);

-- The configurations already in force when the history began: their author and time were not kept, and they say so.
insert into scorecard_config_revision (subject_code, period, revision, settings, reason, changed_by, changed_at,
        total_before, total_after)
select c.subject_code, c.period, c.version + 1,
       jsonb_build_object('dimensionWeights', c.dimension_weights, 'greenThreshold', c.green_threshold,
               'yellowThreshold', c.yellow_threshold, 'lines', coalesce((
                   select jsonb_agg(jsonb_build_object('indicator', l.indicator_code, 'weight', l.weight,
                           'target', l.target, 'notApplicable', l.not_applicable) order by l.indicator_code)
                   from scorecard_line l where l.subject_code = c.subject_code and l.period = c.period), '[]')),
       'in force when the configuration history began (who set it and when were not kept)', 'unknown', now(),
       r.total, r.total
from scorecard_config c left join scorecard_result r on r.subject_code = c.subject_code and r.period = c.period;
