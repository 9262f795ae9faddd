-- The warehouse's staging table: one row per order line, keyed by the run (execution name) and the CSV line, so a
-- load that runs again for the same run (after a crash in the middle of it) replaces its rows instead of doubling them.
create table if not exists staging_orders (
  run_id       text    not null,
  line         integer not null,
  order_id     text    not null,
  customer     text    not null,
  amount_cents integer not null,
  primary key (run_id, line)
);
