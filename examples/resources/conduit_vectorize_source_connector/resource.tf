# A web crawler: no secrets, drift detected on every key.
resource "conduit_vectorize_source_connector" "docs_site" {
  name = "docs-site"
  type = "WEB_CRAWLER"
  config = jsonencode({
    "seed-urls" = ["https://docs.example.com"]
    "max-depth" = 3
  })
}

# An S3 bucket. The keys go in the write-only secret_config_wo (Terraform
# 1.11 and later): never stored in state. Bump secret_config_wo_version to
# send new keys.
variable "s3_secret_key" {
  type      = string
  ephemeral = true
}

resource "conduit_vectorize_source_connector" "reports" {
  name = "reports-bucket"
  type = "AWS_S3"
  config = jsonencode({
    "bucket-name" = "acme-reports"
    region        = "eu-west-1"
  })
  secret_config_wo = jsonencode({
    "access-key" = "AKIAEXAMPLEEXAMPLE01"
    "secret-key" = var.s3_secret_key
  })
  secret_config_wo_version = 1
}

# With older Terraform or OpenTofu, the sensitive stored form instead.
variable "github_token" {
  type      = string
  sensitive = true
}

resource "conduit_vectorize_source_connector" "repos" {
  name          = "repositories"
  type          = "GITHUB"
  config        = jsonencode({ repositories = ["acme/handbook"] })
  secret_config = jsonencode({ "oauth-token" = var.github_token })
}
