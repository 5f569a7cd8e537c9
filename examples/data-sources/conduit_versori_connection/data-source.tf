data "conduit_versori_connection" "orders" {
  id = "01JDQ3Z5X8W2N4V6T8R0P2M4K6"
}

output "orders_environments" {
  value = { for e in data.conduit_versori_connection.orders.environments : e.name => e.id }
}
