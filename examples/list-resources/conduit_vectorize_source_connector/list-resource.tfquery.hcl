# Every source connector of the provider's organization; `terraform query
# -generate-config-out=adopted.tf` writes an import and a resource block for
# each. Fill in secret_config_wo for the types with secrets before applying
# (see "Adopting with terraform query" on the resource's page).
list "conduit_vectorize_source_connector" "all" {
  provider = conduit
  limit    = 1000 # Terraform returns at most 100 results without a limit.
}

# Only the S3 connectors of another organization, with their settings.
list "conduit_vectorize_source_connector" "s3" {
  provider         = conduit
  include_resource = true

  config {
    organization_id = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01"
    type            = "AWS_S3"
  }
}
