-- Why a push fallback went the way it did, so operators can read it beside the receipt:
-- queued, no_device, suppressed, pushed_already or not_pushable (the same words as the metric
-- linkup_receipts_fallbacks_total's outcome). Null while undecided, and for rows decided before
-- this column existed.
alter table notifications add column fallback_outcome varchar(20);
