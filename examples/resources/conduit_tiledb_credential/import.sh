# <namespace>/<name>, or <name> alone in the provider's tiledb.namespace.
terraform import conduit_tiledb_credential.s3 acme/acme-s3

# The API never returns secrets, so state holds none after an import. Keep the
# secret in the configuration to adopt it: a stored secret (e.g. secret_access_key)
# shows one planned update that sends it; a write-only one (secret_access_key_wo)
# is sent once you set or change secret_wo_version. No ignore_changes is needed.
