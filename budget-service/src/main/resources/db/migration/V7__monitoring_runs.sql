-- The days the scheduled dual monitoring has run. An hourly check runs it once a day from 06:00 (China time): a
-- service or database that was away then runs it when it is back, and two replicas do not both run it.
create table monitoring_run (
    day          date         primary key,
    fiscal_year  integer      not null,
    ran_at       timestamptz  not null,
    projects     integer      not null
);
