# Both attributes are required: the provider has no default Auth0 organization.
import {
  to = conduit_org_connection.okta
  identity = {
    organization_id = "org_acme000000000001"
    connection_id   = "con_okta000000000001"
  }
}
