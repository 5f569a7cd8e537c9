resource "conduit_vectorize_source_connector" "drive" {
  name = "team-drive"
  type = "GOOGLE_DRIVE_OAUTH_MULTI"
}

variable "drive_refresh_token" {
  type      = string
  ephemeral = true
}

# The API has no read for users: changes made outside Terraform are not detected.
resource "conduit_vectorize_source_connector_user" "alice" {
  source_connector_id = conduit_vectorize_source_connector.drive.id
  user_id             = "3f1c9a52-7d2e-4b8a-9c61-0e5f4d3b2a19"
  selected_files = jsonencode({
    "1AbCdEfGhIjK" = { name = "Handbook.pdf", mimeType = "application/pdf" }
  })
  refresh_token_wo  = var.drive_refresh_token
  tokens_wo_version = 1
}

# A user whose selection and tokens are left to the application that added it.
resource "conduit_vectorize_source_connector_user" "bob" {
  source_connector_id = conduit_vectorize_source_connector.drive.id
  user_id             = "8b2e6d4f-1a3c-4e5b-9f7a-2c4d6e8f0a1b"
}
