# Every connection enabled on the organization; `terraform query
# -generate-config-out=adopted.tf` writes an import and a resource block for each.
list "conduit_org_connection" "acme" {
  provider = conduit
  limit    = 1000 # Terraform returns at most 100 results without a limit.

  config {
    organization_id = "org_acme000000000001"
  }
}

# Only the connections disabled on the organization, with their settings.
list "conduit_org_connection" "acme_disabled" {
  provider         = conduit
  include_resource = true

  config {
    organization_id = "org_acme000000000001"
    is_enabled      = false
  }
}
