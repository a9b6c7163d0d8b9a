{{ config(materialized='table') }}
select order_id, customer, amount, cast(ordered_at as date) as ordered_on from {{ ref('raw_orders') }}
