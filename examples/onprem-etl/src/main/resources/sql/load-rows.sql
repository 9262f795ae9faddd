insert or replace into staging_orders (run_id, line, order_id, customer, amount_cents)
values (:#run, :#line, :#orderId, :#customer, :#amountCents)
