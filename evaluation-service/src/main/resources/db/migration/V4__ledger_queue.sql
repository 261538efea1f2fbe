-- Ratings accepted but not yet linked into their cycle's hash chain. The rating's own transaction inserts the row;
-- the ledger appender links queued ratings in batches (one appender across replicas) and deletes them, in one
-- transaction with the ledger entries and the rating.submitted events. A crash leaves the queue to the next round.
create table ledger_pending (
    id        bigserial primary key,
    cycle_id  uuid not null,
    rating_id uuid not null unique references rating (id),
    replaced  boolean not null,
    queued_at timestamptz not null default now()
);
