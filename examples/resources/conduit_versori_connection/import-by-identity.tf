# organisation_id may be left out: it then defaults to the provider's versori.organisation_id.
import {
  to = conduit_versori_connection.warehouse
  identity = {
    organisation_id = "01JDSANDB0X0RG000000000000"
    id              = "01JDQ3Z5X8W2N4V6T8R0P2M4K6"
  }
}
