-- plugpub schema 8 is the orders' (issue 15, branch h/orders: 0008_orders_for_apps.sql).
-- This placeholder keeps the numbers contiguous on the review branch until
-- that lands; delete it when it does.
SELECT 1;
