# An AWS access key that TileDB uses for the namespace's arrays on S3. The
# secret is write-only (Terraform >= 1.11): it is sent, never stored in state.
# To rotate it, change the value and bump secret_wo_version.
variable "aws_secret_access_key" {
  type      = string
  sensitive = true
}

resource "conduit_tiledb_credential" "s3" {
  namespace        = "acme" # defaults to the provider's tiledb.namespace
  name             = "acme-s3"
  provider_default = true
  allowed_in_tasks = true
  aws_access_key = {
    access_key_id        = "AKIAEXAMPLE000000001"
    secret_access_key_wo = var.aws_secret_access_key
    kms_id               = "arn:aws:kms:us-east-1:123456789012:key/tiledb"
  }
  secret_wo_version = 1
}

# An IAM role TileDB assumes; the external id is stored (sensitive), which also
# works with Terraform < 1.11 and OpenTofu.
resource "conduit_tiledb_credential" "role" {
  name = "acme-role"
  aws_role = {
    role_arn    = "arn:aws:iam::123456789012:role/tiledb-access"
    external_id = "acme-external-id"
  }
}

# An Azure SAS token, write-only: sent on create; set secret_wo_version (and
# change it) to send a new token.
resource "conduit_tiledb_credential" "azure" {
  name = "acme-azure"
  azure_sas_token = {
    account_name = "acmestorage"
    sas_token_wo = "sv=2024-11-04&ss=b&srt=co&sp=rl&sig=example"
  }
}

# A GCP service account key file; account_id and key_id are read from it.
variable "gcp_key_file" {
  type      = string
  sensitive = true
}

resource "conduit_tiledb_credential" "gcs" {
  name = "acme-gcs"
  gcp_service_account_key = {
    key_text_wo = var.gcp_key_file # e.g. the content of the JSON key file
  }
  secret_wo_version = 1
}

# Also available: azure_account_key = { account_name, account_key[_wo] } and
# gcp_hmac_key = { access_key_id, secret_access_key[_wo] }.
