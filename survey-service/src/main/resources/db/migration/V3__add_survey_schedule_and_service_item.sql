-- A survey may concern one service item (e.g. 不动产登记) and may be answered only within a window.
alter table survey add column service_item varchar(200);
alter table survey add column opens_at timestamptz;
alter table survey add column closes_at timestamptz;
alter table survey add constraint survey_window check (opens_at is null or closes_at is null or opens_at < closes_at);
create index survey_closing on survey (closes_at) where status = 'OPEN' and closes_at is not null;
