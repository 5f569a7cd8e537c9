# <organization_id>:<connection_id>; the auth0 provider's <organization_id>::<connection_id> works too.
import {
  to = conduit_org_connection.staff
  id = "org_acme000000000001:con_db00000000000001"
}
