select customer,
       count(*) as orders,
       printf('%.2f', sum(amount_cents) / 100.0) as total
  from staging_orders
 where run_id = :#run
 group by customer
 order by customer
