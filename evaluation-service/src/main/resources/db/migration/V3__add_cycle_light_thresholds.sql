-- A cycle's light thresholds for its results (GREEN at or above green, YELLOW at or above yellow, else RED).
alter table cycle add column green_threshold numeric(6, 2) not null default 90;
alter table cycle add column yellow_threshold numeric(6, 2) not null default 60;
