-- The revision of each year's working-day calendar, for ETag and If-Match (DESIGN section 8): a replacement that
-- names the revision it read is refused (412) when another replacement came in between. A year without a row has
-- never been set: revision 0.

create table calendar_year (
    year      integer primary key,
    revision  bigint  not null
);

insert into calendar_year (year, revision)
select distinct cast(extract(year from day) as integer), 1 from calendar_day;
