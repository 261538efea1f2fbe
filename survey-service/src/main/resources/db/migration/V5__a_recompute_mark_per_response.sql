-- One recompute mark per counted response, not one per subject-period. With a shared mark, a response whose mark
-- already existed left it alone (not locked, so responses do not queue behind each other); a recompute could take
-- that mark and read the responses before the response committed, and the response then waited, uncounted, for the
-- next response of its subject-period. Now each response commits its own mark with it: a recompute deletes only the
-- marks it can see, so a mark whose response it could not see stays for the next round.
alter table satisfaction_dirty drop constraint satisfaction_dirty_pkey;
create index satisfaction_dirty_subject_period on satisfaction_dirty (subject_code, period);
