-- A dead letter made from an event stream entry carries the entry's key, so an entry handed out
-- again (its consumer died after recording it and before acknowledging it) is not recorded twice.
alter table dead_letters add column intake_key varchar(200);
create unique index dead_letters_intake_key_idx on dead_letters (intake_key);
