# <namespace>/<name>, or <name> alone in the provider's tiledb.namespace. State
# holds no secret after an import: keep it in the configuration (see above).
import {
  to = conduit_tiledb_credential.s3
  id = "acme/acme-s3"
}
