# Every block is optional; each attribute falls back to its environment variable.
provider "conduit" {
  max_retries     = 5
  request_timeout = "60s"

  auth0 {
    domain    = "acme.eu.auth0.com" # AUTH0_DOMAIN
    api_token = var.auth0_api_token # AUTH0_API_TOKEN, or client_id + client_secret
  }

  versori {
    api_key         = var.versori_api_key # VERSORI_API_KEY
    organisation_id = "01HXYZORGANISATION0000000"
  }

  vectorize {
    api_key         = var.vectorize_api_key # VECTORIZE_API_KEY
    organization_id = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01"
  }

  tiledb {
    api_key   = var.tiledb_token # TILEDB_REST_TOKEN, or username + password
    namespace = "acme"
  }
}

variable "auth0_api_token" {
  type      = string
  sensitive = true
}

variable "versori_api_key" {
  type      = string
  sensitive = true
}

variable "vectorize_api_key" {
  type      = string
  sensitive = true
}

variable "tiledb_token" {
  type      = string
  sensitive = true
}
