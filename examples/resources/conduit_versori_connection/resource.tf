# An HTTP connection with two auth schemes, default variables and two
# environments. organisation_id defaults to the provider's versori.organisation_id.
resource "conduit_versori_connection" "orders" {
  name     = "Orders API"
  base_url = "https://api.example.com/v2"

  auth_scheme_configs = [
    { scheme_type = "api-key", name = "X-Api-Key", in = "header" },
    {
      scheme_type   = "oauth2"
      authorize_url = "https://auth.example.com/authorize"
      token_url     = "https://auth.example.com/token"
      scopes        = [{ name = "orders.read", description = "Read orders" }]
      flows         = { client_credentials = true }
    },
  ]

  # Every environment starts with these; a changed value reaches all of them.
  environment_variables = {
    region = "eu-west-1"
    tier   = "standard"
  }

  environments = [
    {
      name      = "production"
      variables = { tier = "premium" } # overrides the default
      action_credentials = [{
        credential_id      = "01JDCRED000000000000APKEY1" # an organisation credential of type string
        auth_scheme_config = { scheme_type = "api-key", name = "X-Api-Key", in = "header" }
      }]
    },
    { name = "staging" },
  ]
}

# A BigQuery connection: dataset_id instead of base_url.
resource "conduit_versori_connection" "warehouse" {
  protocol     = "bigquery"
  name         = "Warehouse"
  dataset_id   = "my-project.sales"
  environments = [{ name = "production" }]
}
