# Every credential of the provider's tiledb.namespace; `terraform query
# -generate-config-out=adopted.tf` writes an import and a resource block for
# each. Fill in each block's write-only secret before applying (see the
# resource's "Adopting with terraform query").
list "conduit_tiledb_credential" "all" {
  provider = conduit
  limit    = 1000 # Terraform returns at most 100 results without a limit.

  config {}
}

# Only the AWS credentials of another namespace, with their public fields.
list "conduit_tiledb_credential" "acme_aws" {
  provider         = conduit
  include_resource = true

  config {
    namespace      = "acme"
    cloud_provider = "AWS"
  }
}
