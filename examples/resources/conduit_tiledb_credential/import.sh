# <namespace>/<name>, or <name> alone in the provider's tiledb.namespace.
terraform import conduit_tiledb_credential.s3 acme/acme-s3

# The API never returns secrets, so state holds none after an import. Keep the
# secret in the configuration: its write-only form (secret_access_key_wo) with
# secret_wo_version unset adopts the credential unchanged; the stored form
# (secret_access_key) shows one planned update that sends it.
