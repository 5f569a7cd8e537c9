# A database connection on which members sign up themselves.
resource "conduit_org_connection" "staff" {
  organization_id              = "org_acme000000000001"
  connection_id                = "con_db00000000000001"
  organization_connection_name = "Acme staff"
  assign_membership_on_login   = true
  is_signup_enabled            = true
  organization_access_level    = "readonly"
}

# An enterprise connection shown as a button on the login prompt.
resource "conduit_org_connection" "okta" {
  organization_id = "org_acme000000000001"
  connection_id   = "con_okta000000000001"
  show_as_button  = true
}
