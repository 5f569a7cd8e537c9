# Versori: an HTTP connection with two environments, using the sandbox's
# fixture credential 01JDCRED000000000000APKEY1 (an organisation API key).
resource "conduit_versori_connection" "orders" {
  name     = "Orders API"
  base_url = "https://api.example.com/v2"

  auth_scheme_configs = [{ scheme_type = "api-key", name = "X-Api-Key", in = "header" }]

  environment_variables = { region = "eu-west-1" }

  environments = [
    {
      name      = "production"
      variables = { tier = "premium" }
      action_credentials = [{
        credential_id      = "01JDCRED000000000000APKEY1"
        auth_scheme_config = { scheme_type = "api-key", name = "X-Api-Key", in = "header" }
      }]
    },
    { name = "staging" },
  ]
}

data "conduit_versori_connection" "orders" {
  id = conduit_versori_connection.orders.id
}

output "versori_environments" {
  value = { for e in data.conduit_versori_connection.orders.environments : e.name => e.variables }
}
