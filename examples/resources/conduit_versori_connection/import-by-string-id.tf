# <organisation_id>/<id>, or <id> alone with the provider's versori.organisation_id.
import {
  to = conduit_versori_connection.orders
  id = "01JDSANDB0X0RG000000000000/01JDQ3Z5X8W2N4V6T8R0P2M4K6"
}
