# Auth0: a database connection and an enterprise (Okta) connection enabled on
# the sandbox's "acme" organization.
resource "conduit_org_connection" "staff" {
  organization_id              = "org_acme000000000001"
  connection_id                = "con_db00000000000001"
  organization_connection_name = "Acme staff"
  assign_membership_on_login   = true
  is_signup_enabled            = true
  organization_access_level    = "readonly"
}

resource "conduit_org_connection" "okta" {
  organization_id = "org_acme000000000001"
  connection_id   = "con_okta000000000001"
  show_as_button  = true
}

data "conduit_org_connections" "acme" {
  organization_id = "org_acme000000000001"
  depends_on      = [conduit_org_connection.staff, conduit_org_connection.okta]
}

output "acme_connections" {
  value = [for c in data.conduit_org_connections.acme.connections : "${c.name} (${c.strategy})"]
}
