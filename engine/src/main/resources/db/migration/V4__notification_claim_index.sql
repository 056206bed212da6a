-- Claims take due rows in claim order: highest priority first, then oldest schedule, then id
-- (JdbcOutboxStore.claimDue). An index in exactly that order lets a claim read its batch from the
-- front of the index instead of sorting every due row, so its cost no longer grows with the depth
-- of the queue. It replaces the (channel, status, scheduled_for) index, which only claims used.
drop index notification_queue_due_idx;
create index notification_queue_claim_idx on notification_queue (channel, status, priority_rank desc, scheduled_for, id);
