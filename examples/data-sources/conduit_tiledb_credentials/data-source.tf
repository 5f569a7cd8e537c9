# Every AWS credential of the provider's default namespace, all pages.
data "conduit_tiledb_credentials" "aws" {
  cloud_provider = "AWS"
}

# Only role credentials (API type "arn") of another namespace.
data "conduit_tiledb_credentials" "roles" {
  namespace = "acme"
  type      = "arn"
}

output "aws_default_credential" {
  value = one([for c in data.conduit_tiledb_credentials.aws.credentials : c.name if c.provider_default])
}
