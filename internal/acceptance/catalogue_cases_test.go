package acceptance_test

import "strings"

const (
	orgConn    = "conduit_org_connection"
	versoriC   = "conduit_versori_connection"
	vectorizeC = "conduit_vectorize_source_connector"
	vecUser    = "conduit_vectorize_source_connector_user"
	tiledbC    = "conduit_tiledb_credential"
)

// Valid bodies, spoiled one attribute at a time below.
const (
	orgBody     = "  organization_id = \"org_acme000000000001\"\n  connection_id   = \"con_db00000000000001\"\n"
	httpBody    = "  name     = \"bad\"\n  base_url = \"https://api.example.com\"\n"
	crawlerBody = "  name   = \"bad\"\n  type   = \"WEB_CRAWLER\"\n  config = jsonencode({ \"seed-urls\" = [\"https://example.com\"] })\n"
	awsKey      = "  aws_access_key = {\n    access_key_id     = \"AKIABAD0000000000001\"\n    secret_access_key = \"s\"\n  }\n"
	sasToken    = "  azure_sas_token = {\n    account_name = \"bad\"\n    sas_token    = \"t\"\n  }\n"
)

var long51 = strings.Repeat("x", 51)

var catalogue = []badInput{
	// The provider block.
	{name: "provider max_retries above 20", provider: providerWith(`  max_retries = 21`), body: anyOrgConnection, attr: "max_retries"},
	{name: "provider max_retries negative", provider: providerWith(`  max_retries = -1`), body: anyOrgConnection, attr: "max_retries"},
	{name: "provider request_timeout not a duration", provider: providerWith(`  request_timeout = "soon"`), body: anyOrgConnection, attr: "request_timeout"},
	{name: "provider request_timeout negative", provider: providerWith(`  request_timeout = "-5s"`), body: anyOrgConnection, attr: "request_timeout"},
	{name: "auth0 endpoint not a URL", body: anyOrgConnection, attr: "endpoint",
		provider: providerWith("  auth0 {\n    domain    = \"acme.eu.auth0.com\"\n    endpoint  = \"not a url\"\n    api_token = \"t\"\n  }")},
	{name: "auth0 domain with a scheme", body: anyOrgConnection, attr: "domain",
		provider: providerWith("  auth0 {\n    domain    = \"https://acme.eu.auth0.com/\"\n    api_token = \"t\"\n  }")},
	{name: "auth0 audience not a URL", body: anyOrgConnection, attr: "audience",
		provider: providerWith("  auth0 {\n    domain        = \"acme.eu.auth0.com\"\n    audience      = \"api\"\n    client_id     = \"i\"\n    client_secret = \"s\"\n  }")},
	{name: "auth0 client_id without client_secret", body: anyOrgConnection, attr: "client_secret",
		provider: providerWith("  auth0 {\n    domain    = \"acme.eu.auth0.com\"\n    client_id = \"i\"\n  }")},
	{name: "auth0 block without credentials", body: anyOrgConnection, attr: "api_token",
		provider: providerWith("  auth0 {\n    domain = \"acme.eu.auth0.com\"\n  }")},
	{name: "versori endpoint not http", body: res(versoriC, "x", httpBody), attr: "endpoint",
		provider: providerWith("  versori {\n    endpoint = \"ftp://platform.versori.com\"\n    api_key  = \"k\"\n  }")},
	{name: "versori block without api_key", body: res(versoriC, "x", httpBody), attr: "api_key",
		provider: providerWith("  versori {\n    organisation_id = \"o\"\n  }")},
	{name: "vectorize endpoint relative", body: res(vectorizeC, "x", crawlerBody), attr: "endpoint",
		provider: providerWith("  vectorize {\n    endpoint = \"v1/api\"\n    api_key  = \"k\"\n  }")},
	{name: "tiledb block without credentials", body: res(tiledbC, "x", "  name = \"bad\"\n"+awsKey), attr: "api_key",
		provider: providerWith("  tiledb {\n    namespace = \"ns\"\n  }")},
	{name: "tiledb endpoint without host", body: res(tiledbC, "x", "  name = \"bad\"\n"+awsKey), attr: "endpoint",
		provider: providerWith("  tiledb {\n    endpoint = \"https://\"\n    api_key  = \"k\"\n  }")},
	{name: "service not configured", provider: providerWith(""), body: res(versoriC, "x", httpBody), attr: "versori"},

	// conduit_org_connection.
	{name: "org connection access level unknown", body: res(orgConn, "x", orgBody+`  organization_access_level = "admin"`), attr: "organization_access_level"},
	{name: "org connection empty organization_id", body: res(orgConn, "x", `  organization_id = ""
  connection_id = "con_db00000000000001"`), attr: "organization_id"},
	{name: "org connection connection_id too long", body: res(orgConn, "x", `  organization_id = "org_acme000000000001"
  connection_id = "`+long51+`"`), attr: "connection_id"},
	{name: "org connection name too long", body: res(orgConn, "x", orgBody+`  organization_connection_name = "`+long51+`"`), attr: "organization_connection_name"},
	{name: "org connection name with NUL", body: res(orgConn, "x", orgBody+`  organization_connection_name = "a\u0000b"`), attr: "organization_connection_name"},
	{name: "org connection signup without membership", body: res(orgConn, "x", orgBody+"  is_signup_enabled = true\n  assign_membership_on_login = false"), attr: "is_signup_enabled"},
	{name: "org connection missing connection_id", body: res(orgConn, "x", `  organization_id = "org_acme000000000001"`), attr: "connection_id"},
	// The framework's own message; Terraform shows the attribute in the source line.
	{name: "org connection computed strategy set", body: res(orgConn, "x", orgBody+`  strategy = "auth0"`), attr: "strategy", inSnippet: true},
	{name: "org connection import id without connection", body: importOf(orgConn, "org_acme000000000001", orgBody), attr: "connection_id"},
	{name: "org connection import id with three parts", body: importOf(orgConn, "org:con:extra", orgBody), attr: "organization_id"},

	// conduit_versori_connection.
	{name: "versori protocol unknown", body: res(versoriC, "x", httpBody+`  protocol = "grpc"`), attr: "protocol"},
	{name: "versori http without base_url", body: res(versoriC, "x", `  name = "bad"`), attr: "base_url"},
	{name: "versori bigquery with base_url", body: res(versoriC, "x", httpBody+"  protocol = \"bigquery\"\n  dataset_id = \"p.d\""), attr: "base_url"},
	{name: "versori bigquery without dataset_id", body: res(versoriC, "x", "  name = \"bad\"\n  protocol = \"bigquery\""), attr: "dataset_id"},
	{name: "versori dataset_id without a dot", body: res(versoriC, "x", "  name = \"bad\"\n  protocol = \"bigquery\"\n  dataset_id = \"nodot\""), attr: "dataset_id"},
	{name: "versori bigquery with auth schemes", body: res(versoriC, "x", "  name = \"bad\"\n  protocol = \"bigquery\"\n  dataset_id = \"p.d\"\n  auth_scheme_configs = [{ scheme_type = \"none\" }]"), attr: "auth_scheme_configs"},
	{name: "versori base_url relative", body: res(versoriC, "x", "  name = \"bad\"\n  base_url = \"api/v1\""), attr: "base_url"},
	{name: "versori empty name", body: res(versoriC, "x", "  name = \"\"\n  base_url = \"https://api.example.com\""), attr: "name"},
	{name: "versori scheme_type unknown", body: res(versoriC, "x", httpBody+`  auth_scheme_configs = [{ scheme_type = "kerberos" }]`), attr: "scheme_type"},
	{name: "versori api-key scheme without in", body: res(versoriC, "x", httpBody+`  auth_scheme_configs = [{ scheme_type = "api-key", name = "X-Key" }]`), attr: "in"},
	{name: "versori hmac algorithm md5", body: res(versoriC, "x", httpBody+`  auth_scheme_configs = [{ scheme_type = "hmac", name = "X-Sig", in = "header", algorithm = "md5", digest_inputs = ["body"] }]`), attr: "algorithm"},
	{name: "versori hmac digest input unknown", body: res(versoriC, "x", httpBody+`  auth_scheme_configs = [{ scheme_type = "hmac", name = "X-Sig", in = "header", algorithm = "sha256", digest_inputs = ["headers"] }]`), attr: "digest_inputs"},
	{name: "versori oauth2 token_url not a URL", body: res(versoriC, "x", httpBody+`  auth_scheme_configs = [{ scheme_type = "oauth2", authorize_url = "https://a.example/authorize", token_url = "token" }]`), attr: "token_url"},
	{name: "versori duplicate environment names", body: res(versoriC, "x", httpBody+`  environments = [{ name = "prod" }, { name = "prod" }]`), attr: "name"},
	{name: "versori empty variable name", body: res(versoriC, "x", httpBody+`  environment_variables = { "" = "v" }`), attr: "environment_variables"},
	{name: "versori import id with three parts", body: importOf(versoriC, "org/id/extra", httpBody), attr: "organisation_id"},

	// conduit_vectorize_source_connector and its user.
	{name: "vectorize type not upper snake case", body: res(vectorizeC, "x", "  name = \"bad\"\n  type = \"aws_s3\""), attr: "type"},
	{name: "vectorize config malformed JSON", body: res(vectorizeC, "x", "  name = \"bad\"\n  type = \"WEB_CRAWLER\"\n  config = \"{not json\""), attr: "config"},
	{name: "vectorize config not an object", body: res(vectorizeC, "x", "  name = \"bad\"\n  type = \"WEB_CRAWLER\"\n  config = jsonencode([\"a\"])"), attr: "config"},
	{name: "vectorize missing required key", body: res(vectorizeC, "x", "  name = \"bad\"\n  type = \"AWS_S3\"\n  config = jsonencode({ \"bucket-name\" = \"b\" })"), attr: "config"},
	{name: "vectorize secret in both forms", body: res(vectorizeC, "x", crawlerBody+"  secret_config = jsonencode({ a = \"1\" })\n  secret_config_wo = jsonencode({ b = \"2\" })"), attr: "secret_config"},
	{name: "vectorize key in config and secret_config", body: res(vectorizeC, "x", crawlerBody+`  secret_config = jsonencode({ "seed-urls" = ["https://b.example"] })`), attr: "secret_config"},
	{name: "vectorize secret_config malformed JSON", body: res(vectorizeC, "x", crawlerBody+`  secret_config = "nope"`), attr: "secret_config"},
	{name: "vectorize wo version without wo", body: res(vectorizeC, "x", crawlerBody+`  secret_config_wo_version = 1`), attr: "secret_config_wo"},
	{name: "vectorize empty workspace_id", body: res(vectorizeC, "x", crawlerBody+`  workspace_id = ""`), attr: "workspace_id"},
	{name: "vectorize import id with empty organization", body: importOf(vectorizeC, "/c-1", crawlerBody), attr: "organization_id"},
	{name: "vectorize user token in both forms", body: res(vecUser, "x", "  source_connector_id = \"c\"\n  user_id = \"u\"\n  refresh_token = \"a\"\n  refresh_token_wo = \"b\""), attr: "refresh_token"},
	{name: "vectorize user import id with four parts", body: importOf(vecUser, "o/c/u/extra", "  source_connector_id = \"c\"\n  user_id = \"u\""), attr: "source_connector_id"},

	// conduit_tiledb_credential.
	{name: "tiledb two credential kinds", body: res(tiledbC, "x", "  name = \"bad\"\n"+awsKey+sasToken), attr: "azure_sas_token"},
	{name: "tiledb no credential kind", body: res(tiledbC, "x", `  name = "bad"`), attr: "aws_access_key"},
	{name: "tiledb name with a slash", body: res(tiledbC, "x", "  name = \"a/b\"\n"+awsKey), attr: "name"},
	{name: "tiledb role_arn not an ARN", body: res(tiledbC, "x", "  name = \"bad\"\n  aws_role = {\n    role_arn    = \"role\"\n    external_id = \"e\"\n  }"), attr: "role_arn"},
	{name: "tiledb secret in both forms", body: res(tiledbC, "x", "  name = \"bad\"\n  aws_access_key = {\n    access_key_id = \"AKIA1\"\n    secret_access_key = \"a\"\n    secret_access_key_wo = \"b\"\n  }"), attr: "secret_access_key"},
	{name: "tiledb secret missing", body: res(tiledbC, "x", "  name = \"bad\"\n  aws_access_key = {\n    access_key_id = \"AKIA1\"\n  }"), attr: "secret_access_key"},
	{name: "tiledb empty namespace", body: res(tiledbC, "x", "  name = \"bad\"\n  namespace = \"\"\n"+awsKey), attr: "namespace"},
	{name: "tiledb empty endpoint", body: res(tiledbC, "x", "  name = \"bad\"\n  aws_access_key = {\n    access_key_id = \"AKIA1\"\n    secret_access_key = \"s\"\n    endpoint = \"\"\n  }"), attr: "endpoint"},
	{name: "tiledb unknown argument", body: res(tiledbC, "x", "  name = \"bad\"\n  colour = \"red\"\n"+awsKey), attr: "colour"},
	{name: "tiledb missing name", body: res(tiledbC, "x", awsKey), attr: "name"},
	{name: "tiledb import id with three parts", body: importOf(tiledbC, "ns/a/b", "  name = \"b\"\n"+awsKey), attr: "namespace"},
	{name: "unknown resource type", body: res("conduit_tiledb_thing", "x", ""), attr: "conduit_tiledb_thing"},
}
