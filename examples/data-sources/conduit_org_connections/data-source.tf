data "conduit_org_connections" "acme" {
  organization_id = "org_acme000000000001"
  is_enabled      = true
}

output "enabled_connections" {
  value = [for c in data.conduit_org_connections.acme.connections : c.name]
}
