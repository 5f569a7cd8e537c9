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

// An http connection without auth schemes or environments: the create body
// must still carry the required authSchemeConfigs and environments, as
// empty lists (HTTPConnectionCreate), or the API answers 400.
func TestAccVersoriConnection_minimalHTTP(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveVersori)
	sb := acctest.StartSandbox(t)
	cfg := sb.Config(fmt.Sprintf(`
resource "conduit_versori_connection" "test" {
  name     = %q
  base_url = "https://api.example.com"
}
`, acctest.Name("minimal")))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    cfg,
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeHTTP: 1}),
					expectStoredJSON(sb, "authSchemeConfigs", `[]`),
					expectStoredJSON(sb, "environments", `[]`),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_scheme_configs"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("environments"), knownvalue.Null()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID(true)},
		},
	})
}

// Seed 002's answer puts each environment credential's own (binding) id
// beside a nested credential with the credential's id. credential_id is the
// nested one: apply, an empty plan and an import all agree. Editing a
// credential's auth scheme is an UpdateEnvironment naming the binding id
// (environment kept); adding a credential replaces the environment.
func TestAccVersoriConnection_credentialBindings(t *testing.T) {
	sb := sandboxOnly(t)
	envID := statecheck.CompareValue(compare.ValuesSame())
	replaced := statecheck.CompareValue(compare.ValuesDiffer())
	cfg := func(in, trigger string) string {
		return sb.Config(fmt.Sprintf(`
resource "conduit_versori_connection" "test" {
  name     = "bound"
  base_url = "https://api.example.com"
  environments = [{
    name = "production"
    action_credentials = [
      { credential_id = %q, auth_scheme_config = { scheme_type = "api-key", name = "X-Key", in = %q } },
      { credential_id = %q, auth_scheme_config = { scheme_type = "basic-auth" } },
    ]
    trigger_credentials = [%s]
  }]
}
`, sbversori.CredAPIKey, in, sbversori.CredBasic, trigger))
	}
	hmacTrigger := fmt.Sprintf(`{ credential_id = %q, auth_scheme_config = { scheme_type = "hmac", name = "X-Sig", in = "cookie", algorithm = "sha256", digest_inputs = ["body"] } }`, sbversori.CredHMAC)
	credentialIDs := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, env(0).AtMapKey("action_credentials").AtSliceIndex(0).AtMapKey("credential_id"), str(sbversori.CredAPIKey)),
		statecheck.ExpectKnownValue(addr, env(0).AtMapKey("action_credentials").AtSliceIndex(1).AtMapKey("credential_id"), str(sbversori.CredBasic)),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:         sb.Reset,
				Config:            cfg("header", ""),
				Check:             resource.ComposeTestCheckFunc(sb.ExpectRequests(map[string]int{routeHTTP: 1}), expectBindingIDsOwn(sb, 2)),
				ConfigStateChecks: append(credentialIDs, envID.AddStateValue(addr, env(0).AtMapKey("id")), replaced.AddStateValue(addr, env(0).AtMapKey("id"))),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID(false)},
			{
				// Same scheme_type, another `in`: UpdateEnvironment with the binding ids, environment kept.
				PreConfig:         sb.Reset,
				Config:            cfg("query", ""),
				Check:             sb.ExpectRequests(map[string]int{routeGet: 1, routeEnvPut: 1}),
				ConfigStateChecks: append(credentialIDs, envID.AddStateValue(addr, env(0).AtMapKey("id"))),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// A new credential cannot be added in place: one PUT replaces the environment.
				PreConfig: sb.Reset,
				Config:    cfg("query", hmacTrigger),
				Check:     resource.ComposeTestCheckFunc(sb.ExpectRequests(map[string]int{routeGet: 1, routePut: 1}), expectBindingIDsOwn(sb, 3)),
				ConfigStateChecks: append(credentialIDs, replaced.AddStateValue(addr, env(0).AtMapKey("id")),
					statecheck.ExpectKnownValue(addr, env(0).AtMapKey("trigger_credentials").AtSliceIndex(0).AtMapKey("credential_id"), str(sbversori.CredHMAC))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: importID(true)},
		},
	})
}

// expectStoredJSON checks a top-level field of the only stored connection.
func expectStoredJSON(sb *acctest.Sandbox, field, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if sb == nil {
			return nil
		}
		_, m, err := stored(sb)
		if err != nil {
			return err
		}
		if got, _ := json.Marshal(m[field]); string(got) != want {
			return fmt.Errorf("sandbox %s: want %s, got %s", field, want, got)
		}
		return nil
	}
}

// expectBindingIDsOwn checks the stored connection's bindings (n of them)
// each have an id of their own, unlike their credential's.
func expectBindingIDsOwn(sb *acctest.Sandbox, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		_, m, err := stored(sb)
		if err != nil {
			return err
		}
		count := 0
		for _, e := range m["environments"].([]any) {
			creds := e.(map[string]any)["credentials"].(map[string]any)
			for _, list := range []string{"action", "trigger"} {
				for _, b := range creds[list].([]any) {
					bm := b.(map[string]any)
					cred, _ := bm["credential"].(map[string]any)
					if cred == nil || !isULID(bm["id"].(string)) || bm["id"] == cred["id"] {
						return fmt.Errorf("binding %v: want its own id beside the credential's", bm)
					}
					count++
				}
			}
		}
		if count != n {
			return fmt.Errorf("want %d bindings, got %d", n, count)
		}
		return nil
	}
}

// isULID is the spec's `format: ulid`, in the canonical upper case.
var isULID = regexp.MustCompile(`^[0-7][0-9A-HJKMNP-TV-Z]{25}$`).MatchString
