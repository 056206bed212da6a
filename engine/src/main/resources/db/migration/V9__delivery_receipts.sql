-- Delivery receipts for in-app notifications. A client acknowledges a `notification` message with
-- the protocol's `ack` (the JavaScript client does it on arrival): acknowledged_at is the first
-- time any of the user's connections did. A high-priority notification still unacknowledged after
-- linkup.receipts.push-after is sent once more by Web Push: fallback_at is when that was decided,
-- fallback_queue_id the outbox row of that push (null when the user had no push device or had push
-- turned off for the type; fallback_at is set either way, so it is decided once).
-- Portable SQL: H2 2.x and PostgreSQL 12+.
alter table notifications add column acknowledged_at timestamp with time zone;
alter table notifications add column fallback_at timestamp with time zone;
alter table notifications add column fallback_queue_id bigint;
create index notifications_unacknowledged_idx on notifications (fallback_at, acknowledged_at, created_at);
