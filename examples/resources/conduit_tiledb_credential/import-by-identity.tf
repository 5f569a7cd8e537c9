# name is required; namespace defaults to the provider's tiledb.namespace. With
# the write-only secret set and secret_wo_version unset, the import changes nothing.
import {
  to = conduit_tiledb_credential.azure
  identity = {
    namespace = "acme"
    name      = "acme-azure"
  }
}
