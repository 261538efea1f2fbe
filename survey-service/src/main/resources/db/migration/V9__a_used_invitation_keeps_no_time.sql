-- An invitation records that it was used, not when. Its use and its response were written in the same transaction,
-- so the time of use matched the response's submitted_at: whoever held the printed invitations (their tokens hash to
-- these rows) and the database could tell which invitation, and so which invitee, gave which answers. A response keeps
-- only its invitation's batch.
alter table survey_token add column used boolean not null default false;
update survey_token set used = true where used_at is not null;
alter table survey_token drop column used_at;
