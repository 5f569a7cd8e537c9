# Every source connector of the provider's default organization, all pages.
data "conduit_vectorize_source_connectors" "all" {}

# Only those of one workspace.
data "conduit_vectorize_source_connectors" "team" {
  workspace_id = "c6a2f0d4-9b1e-4f3a-8d7c-2e5b1a0f9c84"
}

output "unverified_connectors" {
  value = [for c in data.conduit_vectorize_source_connectors.all.source_connectors : c.name if c.verification_status != "verified"]
}
