package vectorizeconnector_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

func connector(typ, attrs string) string {
	name := `name = "tf-acc-invalid"`
	if strings.Contains(attrs, "name =") {
		name = ""
	}
	return fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "test" {
  %s
  type = %q
%s
}
`, name, typ, attrs)
}

// TestAccSourceConnector_invalidInput: every case fails at plan time, naming
// the attribute or key, and no request reaches the API.
func TestAccSourceConnector_invalidInput(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveVectorize)
	sb := acctest.StartSandbox(t)
	s3Secrets := `secret_config = jsonencode({ "access-key" = "a", "secret-key" = "b" })`
	cases := []struct {
		name, typ, attrs string
		want             *regexp.Regexp
	}{
		{"type case", "aws_s3", "", acctest.ErrorMatching(`Invalid type`, `type must be a connector type in upper snake case, such as AWS_S3 or WEB_CRAWLER: capital letters and digits, starting with a letter, in words joined by single underscores; got "aws_s3".`)},
		{"type empty", "", "", acctest.ErrorMatching(`type must be a connector type in upper snake case`, `got "".`)},
		{"name empty", "FILE_UPLOAD", `name = ""`, nil},
		{"S3 without bucket", "AWS_S3", s3Secrets, acctest.ErrorMatching("config", "Missing required configuration", `Connectors of type AWS_S3 require "bucket-name", which is not set: add "bucket-name" to config.`)},
		{"S3 without secrets", "AWS_S3", `config = jsonencode({ "bucket-name" = "b" })`,
			acctest.ErrorMatching("Missing required configuration", `require "access-key" and "secret-key", which are not set: add the secrets "access-key" and "secret-key" to secret_config_wo or secret_config.`,
				`The API never returns secrets, so configuration written by terraform query -generate-config-out lacks them: see "Adopting with terraform query"`)},
		{"S3 secret null", "AWS_S3", `config = jsonencode({ "bucket-name" = "b" })
  secret_config = jsonencode({ "access-key" = "a", "secret-key" = null })`, acctest.ErrorMatching(`require "secret-key", which is not set: add the secret "secret-key" to secret_config_wo or secret_config.`)},
		{"Azure", "AZURE_BLOB", `config = jsonencode({ container = "c" })`,
			acctest.ErrorMatching(`Connectors of type AZURE_BLOB require "storage-account-name" and "storage-account-key", which are not set: add "storage-account-name" to config, and the secret "storage-account-key" to secret_config_wo or secret_config.`)},
		{"GCS", "GCS", `secret_config = jsonencode({ "service-account-json" = "{}" })`, acctest.ErrorMatching(`Connectors of type GCS require "bucket-name", which is not set`)},
		{"crawler", "WEB_CRAWLER", "", acctest.ErrorMatching(`Connectors of type WEB_CRAWLER require "seed-urls", which is not set`)},
		{"GitHub", "GITHUB", `config = jsonencode({ repositories = ["a/b"] })`, acctest.ErrorMatching(`Connectors of type GITHUB require "oauth-token", which is not set`)},
		{"config not JSON", "FILE_UPLOAD", `config = "{not json"`, acctest.ErrorMatching("Invalid JSON String Value")},
		{"config array", "FILE_UPLOAD", `config = jsonencode(["a"])`, acctest.ErrorMatching("config", "must be a JSON object")},
		{"secret array", "FILE_UPLOAD", `secret_config = jsonencode(["a"])`, acctest.ErrorMatching("secret_config must be a JSON object")},
		{"secret not JSON", "FILE_UPLOAD", `secret_config = "nope"`, acctest.ErrorMatching("secret_config must be a JSON object")},
		{"key twice", "AWS_S3", `config = jsonencode({ "bucket-name" = "b", "secret-key" = "x" })
  ` + s3Secrets, acctest.ErrorMatching("Key set twice", `The key "secret-key" is set in both config and secret_config: a key belongs in one of them only.`)},
		{"version without wo", "FILE_UPLOAD", `secret_config_wo_version = 1`, acctest.ErrorMatching(`Attribute "secret_config_wo" must be specified when "secret_config_wo_version" is specified`)},
		{"organization empty", "FILE_UPLOAD", `organization_id = ""`, acctest.ErrorMatching("Empty organization_id", "organization_id must not be empty: leave it out to use the provider's vectorize.organization_id.")},
	}
	cases[2].want = acctest.ErrorMatching("Empty name", "name must not be empty.")
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: sb.Config(connector(c.typ, c.attrs)), PlanOnly: true, ExpectError: c.want})
	}
	// Both secret forms at once (write-only needs Terraform 1.11).
	steps = append(steps, resource.TestStep{
		Config: sb.Config(connector("AWS_S3", `config = jsonencode({ "bucket-name" = "b" })
  `+s3Secrets+`
  secret_config_wo = jsonencode({ "access-key" = "a", "secret-key" = "b" })`)),
		PlanOnly:    true,
		ExpectError: acctest.ErrorMatching(`Attribute "secret_config_wo" cannot be specified when "secret_config" is specified`),
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps:                    steps,
	})
	if err := sb.ExpectNoMutations(); err != nil {
		t.Fatal(err)
	}
	if sb != nil && len(sb.Counts()) != 0 {
		t.Fatalf("invalid input reached the API: %v", sb.Counts())
	}
}

// TestAccSourceConnector_requiredKeysKnownAtApply: with config known only at
// apply, Terraform validates it again then, and the missing key is caught
// before any request; a key the provider does not check is left to the API,
// whose 400 names it.
func TestAccSourceConnector_requiredKeysKnownAtApply(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox error text")
	sb := acctest.StartSandbox(t)
	late := func(public string) string {
		return sb.Config(`
resource "terraform_data" "bucket" {
  input = "docs"
}
resource "conduit_vectorize_source_connector" "test" {
  name          = "tf-acc-late"
  type          = "AWS_S3"
  config        = jsonencode(` + public + `)
  secret_config = jsonencode({ "access-key" = "a", "secret-key" = "b" })
}
`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      late(`{ region = terraform_data.bucket.output }`),
				ExpectError: acctest.ErrorMatching(`Connectors of type AWS_S3 require "bucket-name", which is not set`),
			},
			{
				// An empty bucket name passes the provider's presence check; the API refuses it.
				Config: late(`{ "bucket-name" = substr(terraform_data.bucket.output, 0, 0) }`),
				ExpectError: acctest.ErrorMatching("Unable to create source connector tf-acc-late",
					"POST /vectorize/v1/org/"+sb.Creds.VectorizeOrg+"/connectors/sources: 400 Bad Request",
					"Invalid request: config.bucket-name is required and must not be empty"),
			},
		},
	})
	if n := sb.Counts()[routeCreate]; n != 1 {
		t.Errorf("want exactly the one POST the API refused, got %d", n)
	}
	if objs := sb.Objects("vectorize"); len(objs) != 0 {
		t.Fatalf("a rejected create left objects: %v", objs)
	}
}

// TestAccSourceConnector_typesTheProviderDoesNotKnow: a type added to the API
// after this provider version works (the plan only warns); a type the API
// does not have either fails with the API's message.
func TestAccSourceConnector_typesTheProviderDoesNotKnow(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox types")
	sb := acctest.StartSandbox(t)
	sb.Vectorize().AddType("ACME_WIKI", []string{"space-url"}, []string{"api-token"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config: sb.Config(connector("ACME_WIKI", `config = jsonencode({ "space-url" = "https://wiki.example.com" })
  secret_config = jsonencode({ "api-token" = "wiki-token" })`)),
				Check: sb.ExpectRequests(map[string]int{routeCreate: 1, routeGet: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("type"), str("ACME_WIKI")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config"), str(`{"space-url":"https://wiki.example.com"}`)),
				},
			},
			{
				Config:      sb.Config(connector("NOT_A_SOURCE", "")),
				ExpectError: acctest.ErrorMatching("400 Bad Request", `Invalid request: invalid connector type "NOT_A_SOURCE"`),
			},
		},
	})
}

// TestAccSourceConnector_apiErrors: an organization the key cannot use, and
// a value of the wrong JSON type, which only the API checks.
func TestAccSourceConnector_apiErrors(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures")
	sb := acctest.StartSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sb.Config(connector("FILE_UPLOAD", `organization_id = "00000000-0000-4000-8000-000000000000"`)),
				ExpectError: acctest.ErrorMatching("POST /vectorize/v1/org/00000000-0000-4000-8000-000000000000/connectors/sources: 403 Forbidden",
					"Forbidden: You do not have access to organization"),
			},
			{
				// WEB_CRAWLERAuthConfig: seed-urls is an array of strings.
				Config: sb.Config(connector("WEB_CRAWLER", `config = jsonencode({ "seed-urls" = "https://example.com" })`)),
				ExpectError: acctest.ErrorMatching("400 Bad Request",
					"config.seed-urls must be an array of strings"),
			},
		},
	})
}

func TestAccSourceConnector_unconfiguredService(t *testing.T) {
	acctest.RequireSandbox(t, "needs a provider without Vectorize settings")
	for _, e := range []string{"VECTORIZE_API_KEY", "VECTORIZE_TOKEN", "VECTORIZE_ENDPOINT", "VECTORIZE_ORGANIZATION_ID", "VECTORIZE_ORG"} {
		t.Setenv(e, "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `provider "conduit" {}` + connector("FILE_UPLOAD", ""),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching("The vectorize service is not configured", `provider's "vectorize" block`, "VECTORIZE_API_KEY or VECTORIZE_TOKEN"),
			},
			{
				Config:      `provider "conduit" {}` + "\n" + `data "conduit_vectorize_source_connectors" "all" {}`,
				ExpectError: acctest.ErrorMatching("The vectorize service is not configured"),
			},
			{
				// A key but no organization anywhere: the plan names both places.
				Config: `provider "conduit" {
  vectorize {
    api_key = "k"
  }
}` + connector("FILE_UPLOAD", ""),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching("Missing organization_id", "vectorize.organization_id", "VECTORIZE_ORGANIZATION_ID"),
			},
		},
	})
}
