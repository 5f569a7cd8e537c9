# Vectorize: a web crawler (drift on its settings is detected) and an S3
# bucket whose keys are kept out of the state (write-only, Terraform >= 1.11).
resource "conduit_vectorize_source_connector" "docs_site" {
  name = "docs-site"
  type = "WEB_CRAWLER"
  config = jsonencode({
    "seed-urls" = ["https://docs.example.com"]
    "max-depth" = 3
  })
}

resource "conduit_vectorize_source_connector" "reports" {
  name = "reports-bucket"
  type = "AWS_S3"
  config = jsonencode({
    "bucket-name" = "acme-reports"
    region        = "eu-west-1"
  })
  secret_config_wo = jsonencode({
    "access-key" = "AKIASANDBOXDEMO00001"
    "secret-key" = "sandbox-demo-secret-key"
  })
  secret_config_wo_version = 1
}

data "conduit_vectorize_source_connectors" "all" {
  depends_on = [conduit_vectorize_source_connector.docs_site, conduit_vectorize_source_connector.reports]
}

output "vectorize_source_connectors" {
  value = [for c in data.conduit_vectorize_source_connectors.all.source_connectors : "${c.name} (${c.type}, ${c.verification_status})"]
}
