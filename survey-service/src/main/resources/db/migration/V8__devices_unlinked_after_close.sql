-- A closed survey's device fingerprints are kept only as long as an admin may need them to judge its responses
-- (jixiao.survey.device-retention after the close). Then each is replaced by a one-way pseudonym made with a random
-- key that is used for that survey once and never stored: the survey's devices can still be told apart (its
-- integrity figures do not change), but no response can be linked to a device, or to another survey's responses,
-- any more, not even by someone holding the fingerprint salt.
alter table survey add column devices_unlinked_at timestamptz;
