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
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbversori "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
)

const (
	addr        = "conduit_versori_connection.test"
	prefix      = "/api/connect/v1alpha1/o/{organisation_id}"
	routeHTTP   = "POST " + prefix + "/protocols/http/connections"
	routeBQ     = "POST " + prefix + "/protocols/bigquery/connections"
	routeGet    = "GET " + prefix + "/connections/{connection_id}"
	routePut    = "PUT " + prefix + "/connections/{connection_id}"
	routeDel    = "DELETE " + prefix + "/connections/{connection_id}"
	routeEnvPut = "PUT " + prefix + "/connections/{connection_id}/environments/{environment_id}"
	routeList   = "GET " + prefix + "/connections"
)

// apiKeyCredential is an organisation credential of type string: the
// sandbox fixture, or a real one when CONDUIT_ACC_LIVE=1.
func apiKeyCredential() string {
	if acctest.Live() {
		return acctest.Env("CONDUIT_ACC_VERSORI_API_KEY_CREDENTIAL")
	}
	return sbversori.CredAPIKey
}

func str(v string) knownvalue.Check { return knownvalue.StringExact(v) }

func env(i int) tfjsonpath.Path { return tfjsonpath.New("environments").AtSliceIndex(i) }

func httpConfig(name, baseURL, envVars, envs string) string {
	return fmt.Sprintf(`
resource "conduit_versori_connection" "test" {
  name     = %q
  base_url = %q
  auth_scheme_configs = [
    { scheme_type = "api-key", name = "X-Api-Key", in = "header" },
    { scheme_type = "hmac", name = "X-Signature", in = "header", algorithm = "sha256", digest_inputs = ["body", "url"] },
    { scheme_type = "oauth2", authorize_url = "https://auth.example.com/authorize", token_url = "https://auth.example.com/token",
      scopes = [{ name = "read", description = "Read access" }, { name = "write" }], flows = { client_credentials = true } },
  ]
  environment_variables = %s
  environments = %s
}
`, acctest.Name(name), baseURL, envVars, envs)
}

func productionEnv(vars string) string {
	return fmt.Sprintf(`{
      name      = "production"
      variables = %s
      action_credentials = [{
        credential_id      = %q
        auth_scheme_config = { scheme_type = "api-key", name = "X-Api-Key", in = "header" }
      }]
    }`, vars, apiKeyCredential())
}

func TestAccVersoriConnection_lifecycle(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveVersori, acctest.EnvVersoriAPIKeyCredential)
	sb := acctest.StartSandbox(t)
	prodID := statecheck.CompareValue(compare.ValuesSame())
	stagingID := statecheck.CompareValue(compare.ValuesSame())
	connID := statecheck.CompareValue(compare.ValuesSame())
	updated := statecheck.CompareValue(compare.ValuesDiffer())
	vars := `{ region = "eu", tier = "standard" }`
	twoEnvs := `[` + productionEnv(`{ tier = "gold" }`) + `, { name = "staging" }]`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    sb.Config(httpConfig("orders", "https://api.example.com", vars, twoEnvs)),
				Check:     sb.ExpectRequests(map[string]int{routeHTTP: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-7][0-9A-HJKMNP-TV-Z]{25}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organisation_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("protocol"), str("http")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("versions"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_scheme_configs").AtSliceIndex(2).AtMapKey("scopes").AtSliceIndex(1),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"name": str("write"), "description": knownvalue.Null()})),
					// Own variables only: region and tier are inherited, tier overridden.
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("variables"), knownvalue.MapExact(map[string]knownvalue.Check{"tier": str("gold")})),
					statecheck.ExpectKnownValue(addr, env(1).AtMapKey("variables"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("action_credentials").AtSliceIndex(0).AtMapKey("credential_id"), str(apiKeyCredential())),
					prodID.AddStateValue(addr, env(0).AtMapKey("id")),
					stagingID.AddStateValue(addr, env(1).AtMapKey("id")),
					connID.AddStateValue(addr, tfjsonpath.New("id")),
					updated.AddStateValue(addr, tfjsonpath.New("updated_at")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Map entries in another order: no diff.
				Config:   sb.Config(httpConfig("orders", "https://api.example.com", `{ tier = "standard", region = "eu" }`, twoEnvs)),
				PlanOnly: true,
			},
			{
				// Top-level fields: one PUT (the GET is the plan's refresh).
				PreConfig: sb.Reset,
				Config:    sb.Config(httpConfig("orders v2", "https://api2.example.com", vars, twoEnvs)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePut: 1}),
					expectStored(sb, "name", "orders v2"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("base_url"), str("https://api2.example.com")),
					prodID.AddStateValue(addr, env(0).AtMapKey("id")),
					stagingID.AddStateValue(addr, env(1).AtMapKey("id")),
					connID.AddStateValue(addr, tfjsonpath.New("id")),
					updated.AddStateValue(addr, tfjsonpath.New("updated_at")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// A changed default reaches every environment; the overridden tier is kept.
				PreConfig: sb.Reset,
				Config:    sb.Config(httpConfig("orders v2", "https://api2.example.com", `{ tier = "standard", region = "us", zone = "a" }`, twoEnvs)),
				Check:     sb.ExpectRequests(map[string]int{routeGet: 1, routePut: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("variables"), knownvalue.MapExact(map[string]knownvalue.Check{"tier": str("gold")})),
					prodID.AddStateValue(addr, env(0).AtMapKey("id")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// An existing environment's own variables: UpdateEnvironment only, id kept.
				PreConfig: sb.Reset,
				Config: sb.Config(httpConfig("orders v2", "https://api2.example.com", `{ tier = "standard", region = "us", zone = "a" }`,
					`[`+productionEnv(`{ tier = "platinum", region = "us", owner = "ops" }`)+`, { name = "staging" }]`)),
				Check: sb.ExpectRequests(map[string]int{routeGet: 1, routeEnvPut: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("variables"), knownvalue.MapExact(map[string]knownvalue.Check{
						"tier": str("platinum"), "region": str("us"), "owner": str("ops")})),
					prodID.AddStateValue(addr, env(0).AtMapKey("id")),
					stagingID.AddStateValue(addr, env(1).AtMapKey("id")),
					updated.AddStateValue(addr, tfjsonpath.New("updated_at")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Adding one environment and removing another: one PUT, production keeps its id.
				PreConfig: sb.Reset,
				Config: sb.Config(httpConfig("orders v2", "https://api2.example.com", `{ tier = "standard", region = "us", zone = "a" }`,
					`[{ name = "dev", variables = { debug = "true" } }, `+productionEnv(`{ tier = "platinum", region = "us", owner = "ops" }`)+`]`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePut: 1}),
					expectEnvironmentNames(sb, "dev", "production"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("name"), str("dev")),
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("id"), knownvalue.NotNull()),
					prodID.AddStateValue(addr, env(1).AtMapKey("id")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig:    sb.Reset,
				RefreshState: true,
				Check:        sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importID(true),
				// production names region with the value it inherits; an import cannot
				// tell that from inheritance, so the variable shows up at the next
				// apply, which sends nothing for it.
				ImportStateVerifyIgnore: []string{"environments.1.variables.%", "environments.1.variables.region"},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importID(false),
				// production names region with the value it inherits; an import cannot
				// tell that from inheritance, so the variable shows up at the next
				// apply, which sends nothing for it.
				ImportStateVerifyIgnore: []string{"environments.1.variables.%", "environments.1.variables.region"},
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

// importID is `<organisation_id>/<id>`, or `<id>` alone for the provider's default organisation.
func importID(withOrg bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		if withOrg {
			return rs.Primary.Attributes["organisation_id"] + "/" + rs.Primary.ID, nil
		}
		return rs.Primary.ID, nil
	}
}

// stored returns the sandbox's only connection in wire form.
func stored(sb *acctest.Sandbox) (string, map[string]any, error) {
	objs := sb.Objects("versori")
	if len(objs) != 1 {
		return "", nil, fmt.Errorf("want 1 connection in the sandbox, got %d", len(objs))
	}
	for k, raw := range objs {
		var m map[string]any
		return k, m, json.Unmarshal(raw, &m)
	}
	return "", nil, nil
}

func expectStored(sb *acctest.Sandbox, field string, want any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if sb == nil {
			return nil
		}
		_, m, err := stored(sb)
		if err != nil {
			return err
		}
		if m[field] != want {
			return fmt.Errorf("sandbox %s: want %v, got %v", field, want, m[field])
		}
		return nil
	}
}

func expectEnvironmentNames(sb *acctest.Sandbox, names ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if sb == nil {
			return nil
		}
		_, m, err := stored(sb)
		if err != nil {
			return err
		}
		envs, _ := m["environments"].([]any)
		var got []string
		for _, e := range envs {
			got = append(got, e.(map[string]any)["name"].(string))
		}
		if fmt.Sprint(got) != fmt.Sprint(names) {
			return fmt.Errorf("sandbox environments: want %v, got %v", names, got)
		}
		return nil
	}
}
