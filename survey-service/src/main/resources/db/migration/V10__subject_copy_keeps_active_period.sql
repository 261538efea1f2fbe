-- The copy keeps the subject's active period (from subject.registered / .changed), so that what this service
-- accepts for a period can be checked against it. Copies made before this migration stay open at both ends until
-- indicator-service publishes their subject again.
alter table known_subject
    add column active_from date,
    add column active_to   date;
