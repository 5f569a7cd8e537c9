package versoriconnection_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbversori "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
)

func sandboxOnly(t *testing.T) *acctest.Sandbox {
	t.Helper()
	acctest.RequireSandbox(t, "needs the sandbox's control over stored objects")
	return acctest.StartSandbox(t)
}

func TestAccVersoriConnection_drift(t *testing.T) {
	sb := sandboxOnly(t)
	cfg := sb.Config(httpConfig("drift", "https://api.example.com", `{ region = "eu" }`, `[`+productionEnv(`{ tier = "gold" }`)+`]`))
	edit := func(patch string) func() {
		return func() {
			key, _, err := stored(sb)
			if err == nil {
				err = sb.Emulator("versori").Edit(key, json.RawMessage(patch))
			}
			if err != nil {
				t.Fatal(err)
			}
			sb.ResetCounts()
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig:          edit(`{"name":"renamed elsewhere","baseUrl":"https://elsewhere.example.com"}`),
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), str("drift")),
				}},
				Check: resource.ComposeTestCheckFunc(
					expectStored(sb, "name", "drift"),
					expectStored(sb, "baseUrl", "https://api.example.com"),
				),
			},
			{
				// An environment's variable edited elsewhere comes back through UpdateEnvironment.
				PreConfig: func() {
					key, m, err := stored(sb)
					if err != nil {
						t.Fatal(err)
					}
					envs := m["environments"].([]any)
					envs[0].(map[string]any)["variables"] = []any{map[string]any{"name": "region", "value": "eu"}, map[string]any{"name": "tier", "value": "bronze"}}
					patch, _ := json.Marshal(map[string]any{"environments": envs})
					if err := sb.Emulator("versori").Edit(key, patch); err != nil {
						t.Fatal(err)
					}
					sb.ResetCounts()
				},
				Config: cfg,
				Check:  sb.ExpectRequests(map[string]int{routeGet: 1, routeEnvPut: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("variables"), knownvalue.MapExact(map[string]knownvalue.Check{"tier": str("gold")})),
				},
			},
			{
				// Deleted elsewhere: removed from state and created again.
				PreConfig: func() {
					key, _, err := stored(sb)
					if err == nil {
						err = sb.Emulator("versori").Delete(key)
					}
					if err != nil {
						t.Fatal(err)
					}
					sb.ResetCounts()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: sb.ExpectRequests(map[string]int{routeGet: 1, routeHTTP: 1}),
			},
		},
	})
}

func TestAccVersoriConnection_bigQuery(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveVersori)
	sb := acctest.StartSandbox(t)
	bq := func(name, dataset string) string {
		return sb.Config(fmt.Sprintf(`
resource "conduit_versori_connection" "test" {
  protocol     = "bigquery"
  name         = %q
  dataset_id   = %q
  environments = [{ name = "production" }]
}
`, acctest.Name(name), dataset))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    bq("warehouse", "my-project.sales"),
				Check:     sb.ExpectRequests(map[string]int{routeBQ: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("protocol"), str("bigquery")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("base_url"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_scheme_configs"), knownvalue.Null()),
				},
			},
			{
				PreConfig: sb.Reset,
				Config:    bq("warehouse", "my-project.marketing"),
				Check:     sb.ExpectRequests(map[string]int{routeGet: 1, routePut: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("dataset_id"), str("my-project.marketing")),
				},
			},
			{
				// The protocol is part of the create path: changing it replaces the connection.
				PreConfig: sb.Reset,
				Config:    sb.Config(`resource "conduit_versori_connection" "test" {` + "\n" + `  name = "` + acctest.Name("warehouse") + `"` + "\n" + `  base_url = "https://bq.example.com"` + "\n}\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: sb.ExpectRequests(map[string]int{routeGet: 1, routeDel: 1, routeHTTP: 1}),
			},
		},
	})
}

// A credential's scheme_type cannot change in place: the environment is
// replaced within the one connection PUT and gets a new id.
func TestAccVersoriConnection_credentialSchemeChange(t *testing.T) {
	sb := sandboxOnly(t)
	envID := statecheck.CompareValue(compare.ValuesDiffer())
	cfg := func(scheme string) string {
		return sb.Config(fmt.Sprintf(`
resource "conduit_versori_connection" "test" {
  name     = "signed"
  base_url = "https://api.example.com"
  environments = [{
    name = "production"
    trigger_credentials = [{ credential_id = %q, auth_scheme_config = %s }]
  }]
}
`, sbversori.CredHMAC, scheme))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            cfg(`{ scheme_type = "api-key", name = "X-Key", in = "query" }`),
				ConfigStateChecks: []statecheck.StateCheck{envID.AddStateValue(addr, env(0).AtMapKey("id"))},
			},
			{
				PreConfig: sb.Reset,
				Config:    cfg(`{ scheme_type = "hmac", name = "X-Sig", in = "header", algorithm = "sha512", digest_inputs = ["body"] }`),
				Check:     sb.ExpectRequests(map[string]int{routeGet: 1, routePut: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					envID.AddStateValue(addr, env(0).AtMapKey("id")),
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("trigger_credentials").AtSliceIndex(0).AtMapKey("auth_scheme_config").AtMapKey("algorithm"), str("sha512")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccVersoriConnection_forceDelete(t *testing.T) {
	sb := sandboxOnly(t)
	cfg := func(force string) string {
		return sb.Config(`
resource "conduit_versori_connection" "test" {
  name     = "busy"
  base_url = "https://api.example.com"
` + force + `
}
`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg("")},
			{
				// v1alpha1's DeleteConnection answers 409 while in use.
				PreConfig:   markInUse(t, sb, "true"),
				Config:      sb.Config(""),
				ExpectError: acctest.ErrorMatching("DELETE /api/connect/v1alpha1/o/", "409 Conflict", "is in use", "force_delete = true"),
			},
			{
				// v1's DeleteConnection answers 412: the same advice.
				PreConfig:   markInUse(t, sb, "412"),
				Config:      sb.Config(""),
				ExpectError: acctest.ErrorMatching("DELETE /api/connect/v1alpha1/o/", "412 Precondition Failed", "is in use", "force_delete = true"),
			},
			{
				// Only force_delete changes: nothing to send.
				PreConfig: sb.Reset,
				Config:    cfg("force_delete = true"),
				Check:     sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				PreConfig: sb.Reset,
				Config:    sb.Config(""),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routeDel: 1}),
					sb.ExpectObjects("versori"),
				),
			},
		},
	})
}

func markInUse(t *testing.T, sb *acctest.Sandbox, status string) func() {
	return func() {
		key, _, err := stored(sb)
		if err == nil {
			err = sb.Emulator("versori").Edit(key, json.RawMessage(`{"`+sbversori.InUseKey+`":`+status+`}`))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestAccVersoriConnection_apiErrors(t *testing.T) {
	sb := sandboxOnly(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			// The credential does not exist: the API's field error is shown with its path.
			Config: sb.Config(`
resource "conduit_versori_connection" "test" {
  name     = "bad credential"
  base_url = "https://api.example.com"
  environments = [{
    name = "production"
    action_credentials = [{ credential_id = "01JDCRED00000000000000N0NE", auth_scheme_config = { scheme_type = "none" } }]
  }]
}
`),
			ExpectError: acctest.ErrorMatching("POST /api/connect/v1alpha1/o/"+sb.Creds.VersoriOrg+"/protocols/http/connections: 400 Bad Request",
				"validation failed (invalid_argument)", "environments[0].credentials.action[0].credential.id: credential 01JDCRED00000000000000N0NE not found"),
		}},
	})
	if n := len(sb.Objects("versori")); n != 0 {
		t.Fatalf("a refused create left %d connections", n)
	}
}

func TestAccVersoriConnection_invalidInput(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveVersori)
	sb := acctest.StartSandbox(t)
	res := func(body string) string {
		return sb.Config(`resource "conduit_versori_connection" "test" {` + "\n  name = \"x\"\n" + body + "\n}\n")
	}
	withScheme := func(scheme string) string {
		return res(`base_url = "https://a.example.com"` + "\n" + `auth_scheme_configs = [` + scheme + `]`)
	}
	cases := []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"http without base_url", res(``), acctest.ErrorMatching("base_url is required when protocol is \"http\"")},
		{"relative base_url", res(`base_url = "/v1"`), acctest.ErrorMatching("base_url must be an absolute http(s) URL")},
		{"dataset_id on http", res(`base_url = "https://a.example.com"` + "\n" + `dataset_id = "my-project.sales"`), acctest.ErrorMatching("dataset_id is not allowed when protocol is \"http\"")},
		{"bigquery without dataset_id", res(`protocol = "bigquery"`), acctest.ErrorMatching("dataset_id is required when protocol is \"bigquery\"")},
		{"dataset_id without a dot", res(`protocol = "bigquery"` + "\n" + `dataset_id = "sales"`),
			acctest.ErrorMatching("Invalid dataset_id", "dataset_id must be <project_id>.<dataset_id>", `Got "sales": there is no dot between the project id and the dataset id`)},
		// Issue 16's case: the form is right, the project id too short.
		{"dataset_id with a short project id", res(`protocol = "bigquery"` + "\n" + `dataset_id = "proj.ds"`),
			acctest.ErrorMatching("a Google Cloud project id (6 to 30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen)",
				"a BigQuery dataset id (1 to 1024 letters, digits or underscores)", `Got "proj.ds": the project id "proj" has 4 characters`)},
		{"dataset_id with a hyphen in the dataset", res(`protocol = "bigquery"` + "\n" + `dataset_id = "my-project.sales-eu"`),
			acctest.ErrorMatching(`the dataset id "sales-eu" contains '-', which is not a letter, digit or underscore`)},
		{"base_url on bigquery", res(`protocol = "bigquery"` + "\n" + `dataset_id = "my-project.sales"` + "\n" + `base_url = "https://a.example.com"`), acctest.ErrorMatching("base_url is not allowed when protocol is \"bigquery\"")},
		{"auth schemes on bigquery", res(`protocol = "bigquery"` + "\n" + `dataset_id = "my-project.sales"` + "\n" + `auth_scheme_configs = [{ scheme_type = "none" }]`), acctest.ErrorMatching("auth_scheme_configs is not allowed when protocol is \"bigquery\"")},
		{"unknown protocol", res(`protocol = "soap"`), acctest.ErrorMatching("protocol", "value must be one of")},
		{"unknown scheme", withScheme(`{ scheme_type = "kerberos" }`), acctest.ErrorMatching("scheme_type", "value must be one of")},
		{"api-key without in", withScheme(`{ scheme_type = "api-key", name = "k" }`), acctest.ErrorMatching("in is required when scheme_type is \"api-key\"")},
		{"api-key bad in", withScheme(`{ scheme_type = "api-key", name = "k", in = "body" }`), acctest.ErrorMatching("auth_scheme_configs[0].in value must be one of")},
		{"hmac without algorithm and digest", withScheme(`{ scheme_type = "hmac", name = "s", in = "header" }`), acctest.ErrorMatching("algorithm is required when scheme_type is \"hmac\"")},
		{"hmac without digest_inputs", withScheme(`{ scheme_type = "hmac", name = "s", in = "header", algorithm = "sha256" }`), acctest.ErrorMatching("digest_inputs is required when scheme_type is \"hmac\"")},
		{"hmac bad digest input", withScheme(`{ scheme_type = "hmac", name = "s", in = "header", algorithm = "md5", digest_inputs = ["headers"] }`), acctest.ErrorMatching("algorithm", "value must be one of")},
		{"oauth2 without token_url", withScheme(`{ scheme_type = "oauth2", authorize_url = "https://a.example.com/auth" }`), acctest.ErrorMatching("token_url is required when scheme_type is \"oauth2\"")},
		{"field of another scheme", withScheme(`{ scheme_type = "basic-auth", algorithm = "sha1" }`), acctest.ErrorMatching("algorithm is not used by scheme_type \"basic-auth\"")},
		{"duplicate environment", res(`base_url = "https://a.example.com"` + "\n" + `environments = [{ name = "a" }, { name = "a" }]`), acctest.ErrorMatching("name \"a\" is used by elements 0 and 1")},
		{"credential scheme checked too", res(`base_url = "https://a.example.com"` + "\n" + `environments = [{ name = "a", action_credentials = [{ credential_id = "c", auth_scheme_config = { scheme_type = "api-key" } }] }]`), acctest.ErrorMatching("name is required when scheme_type is \"api-key\"")},
		{"empty variable name", res(`base_url = "https://a.example.com"` + "\n" + `environment_variables = { "" = "v" }`), acctest.ErrorMatching("environment_variables: variable names must not be empty")},
		{"oauth2 without flows", withScheme(`{ scheme_type = "oauth2", authorize_url = "https://a.example.com/a", token_url = "https://a.example.com/t" }`), acctest.ErrorMatching("flows is required when scheme_type is \"oauth2\"")},
		{"oauth2 without a flow", withScheme(`{ scheme_type = "oauth2", authorize_url = "https://a.example.com/a", token_url = "https://a.example.com/t", flows = { client_credentials = false } }`), acctest.ErrorMatching("flows needs client_credentials = true or authorization_code_credential_id")},
		{"flows on api-key", withScheme(`{ scheme_type = "api-key", name = "k", in = "header", flows = { client_credentials = true } }`), acctest.ErrorMatching("flows is not used by scheme_type \"api-key\"")},
		{"credential_id not a ULID", res(`base_url = "https://a.example.com"` + "\n" + `environments = [{ name = "a", action_credentials = [{ credential_id = "cred-1", auth_scheme_config = { scheme_type = "none" } }] }]`), acctest.ErrorMatching("credential_id must be a ULID: 26 characters of Crockford base32 (digits and upper-case letters other than I, L, O and U), the first one 0 to 7", `Got "cred-1"`)},
		{"organisation_id not a ULID", res(`base_url = "https://a.example.com"` + "\n" + `organisation_id = "acme"`), acctest.ErrorMatching("organisation_id must be a ULID", "26 characters")},
		// Data sources state the same rules.
		{"data source id not a ULID", sb.Config(`data "conduit_versori_connection" "x" { id = "01jdq3z5x8w2n4v6t8r0p2m4k6" }`),
			acctest.ErrorMatching("id must be a ULID: 26 characters of Crockford base32", `Got "01jdq3z5x8w2n4v6t8r0p2m4k6"`)},
		{"data source organisation_id not a ULID", sb.Config(`data "conduit_versori_connection" "x" {` + "\n" + `  id = "01JDQ3Z5X8W2N4V6T8R0P2M4K6"` + "\n" + `  organisation_id = "8ZZZZZZZZZZZZZZZZZZZZZZZZZ"` + "\n}"),
			acctest.ErrorMatching("organisation_id must be a ULID", "the first one 0 to 7", `Got "8ZZZZZZZZZZZZZZZZZZZZZZZZZ"`)},
		{"list data source protocol", sb.Config(`data "conduit_versori_connections" "x" { protocol = "HTTP" }`),
			acctest.ErrorMatching("protocol", `value must be one of: ["http" "bigquery"], got: "HTTP"`)},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: c.want})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
	if err := sb.ExpectNoMutations(); err != nil {
		t.Fatal(err)
	}
	if sb != nil && len(sb.Counts()) != 0 {
		t.Fatalf("invalid input reached the API: %v", sb.Counts())
	}
}

func TestAccVersoriConnection_unconfiguredService(t *testing.T) {
	acctest.RequireSandbox(t, "needs a provider without Versori settings")
	for _, e := range []string{"VERSORI_API_KEY", "VERSORI_ENDPOINT", "VERSORI_ORGANISATION_ID"} {
		t.Setenv(e, "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `provider "conduit" {}` + "\n" + `resource "conduit_versori_connection" "test" {` + "\n" + `  name = "x"` + "\n" + `  base_url = "https://a.example.com"` + "\n}\n",
			PlanOnly:    true,
			ExpectError: acctest.ErrorMatching("The versori service is not configured", `provider's "versori" block`, "VERSORI_API_KEY"),
		}},
	})
}

func TestAccVersoriConnection_dataSources(t *testing.T) {
	sb := sandboxOnly(t)
	cfg := sb.Config(httpConfig("listed", "https://api.example.com", `{ region = "eu" }`, `[`+productionEnv(`{ tier = "gold" }`)+`]`) + `
resource "conduit_versori_connection" "bq" {
  protocol   = "bigquery"
  name       = "warehouse"
  dataset_id = "my-project.sales"
}
data "conduit_versori_connection" "one" {
  id = conduit_versori_connection.test.id
}
data "conduit_versori_connections" "all" {
  depends_on = [conduit_versori_connection.test, conduit_versori_connection.bq]
}
data "conduit_versori_connections" "bigquery" {
  protocol   = "bigquery"
  depends_on = [conduit_versori_connection.test, conduit_versori_connection.bq]
}
`)
	one := "data.conduit_versori_connection.one"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(one, tfjsonpath.New("name"), str("listed")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("organisation_id"), str(sb.Creds.VersoriOrg)),
				// The data source shows inherited variables too.
				statecheck.ExpectKnownValue(one, env(0).AtMapKey("variables"), knownvalue.MapExact(map[string]knownvalue.Check{"region": str("eu"), "tier": str("gold")})),
				statecheck.CompareValuePairs(one, env(0).AtMapKey("id"), addr, env(0).AtMapKey("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.conduit_versori_connections.all", tfjsonpath.New("connections"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.conduit_versori_connections.bigquery", tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": str("warehouse"), "dataset_id": str("my-project.sales")}),
				})),
			},
		}},
	})
}
