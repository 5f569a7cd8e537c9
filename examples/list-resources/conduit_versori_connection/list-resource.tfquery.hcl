# Every connection of the provider's versori.organisation_id; `terraform query
# -generate-config-out=adopted.tf` writes an import and a resource block for each.
list "conduit_versori_connection" "all" {
  provider = conduit
  limit    = 1000 # Terraform returns at most 100 results without a limit.

  config {}
}

# Only the BigQuery connections of another organisation, with their settings.
list "conduit_versori_connection" "warehouses" {
  provider         = conduit
  include_resource = true

  config {
    organisation_id = "01JDQ3Z5X8W2N4V6T8R0P2M4K7"
    protocol        = "bigquery"
  }
}
