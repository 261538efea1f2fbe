-- Every answer a department gives to a rectification case is kept. The case still shows the answer that stands; a
-- revision before closing no longer overwrites the earlier text, which the office may need when it reviews the case.
create table rectification_answer (
    id           uuid           primary key,
    case_id      uuid           not null references rectification_case (id),
    revision     integer        not null check (revision > 0),
    answer       varchar(4000)  not null,
    answered_by  varchar(128)   not null,
    answered_at  timestamptz    not null,
    unique (case_id, revision)
);

alter table rectification_case add column answer_revisions integer not null default 0;

-- The cases answered before this table: their standing answer is the only one known, at the first answer's time.
insert into rectification_answer (id, case_id, revision, answer, answered_by, answered_at)
select gen_random_uuid(), id, 1, answer, answered_by, answered_at from rectification_case where answer is not null;
update rectification_case set answer_revisions = 1 where answer is not null;
