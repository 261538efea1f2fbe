-- The months whose 好差评 metrics have been published, and how. The scheduled check publishes the month before once,
-- as soon as it is due, and looks again every hour: a service or database that was away at the due time publishes
-- when it is back, instead of leaving the month without its indicator values.
create table review_metrics_run (
    month         varchar(7)   primary key,
    published_at  timestamptz  not null,
    subjects      integer      not null,
    published_by  varchar(16)  not null
);
