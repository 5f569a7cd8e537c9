# TileDB Cloud: the namespace's default S3 key (write-only secret, Terraform
# >= 1.11) and an IAM role, in the sandbox's namespace.
resource "conduit_tiledb_credential" "s3" {
  name             = "demo-s3"
  provider_default = true
  aws_access_key = {
    access_key_id        = "AKIASANDBOXDEMO00002"
    secret_access_key_wo = "sandbox-demo-tiledb-secret"
    endpoint             = "https://s3.eu-west-1.amazonaws.com"
  }
  secret_wo_version = 1
}

resource "conduit_tiledb_credential" "role" {
  name             = "demo-role"
  allowed_in_tasks = true
  aws_role = {
    role_arn    = "arn:aws:iam::123456789012:role/tiledb-demo"
    external_id = "sandbox-demo-external-id"
  }
}

data "conduit_tiledb_credentials" "aws" {
  cloud_provider = "AWS"
  depends_on     = [conduit_tiledb_credential.s3, conduit_tiledb_credential.role]
}

output "tiledb_aws_credentials" {
  value = [for c in data.conduit_tiledb_credentials.aws.credentials : "${c.name} (${c.kind}${c.provider_default ? ", default" : ""})"]
}
