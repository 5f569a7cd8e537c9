package versoriconnection_test

import (
	"fmt"
	"slices"
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

// TestAccVersoriConnection_updatePlan: exactly the computed attributes an
// update can change are unknown in its plan. The reasons, from the v1alpha1
// spec:
//   - id, organisation_id, created_at: set by the create, never changed
//     (a changed organisation replaces the connection);
//   - versions: "Versions cannot be updated via this endpoint"
//     (ConnectionUpdateBase), and they version actions, triggers and
//     definitions, not the connection's own data or environments;
//   - an existing environment's id: kept by the PUT, which repeats it
//     (EnvironmentUpdateOrCreate), and by UpdateEnvironment; a new
//     environment, or one whose credential changes scheme_type (replaced,
//     EnvironmentCredentialUpdate), gets a new id: unknown;
//   - updated_at: UpdateConnection sets it to the current time, "including
//     any changes to child resources" (ConnectionBase.updatedAt): unknown
//     when the update sends a change, kept when it sends none (force_delete
//     alone is the provider's own setting).
func TestAccVersoriConnection_updatePlan(t *testing.T) {
	sb := sandboxOnly(t)
	updated := statecheck.CompareValue(compare.ValuesSame())
	cfg := func(prodVars, scheme, extra, envs string) string {
		return sb.Config(fmt.Sprintf(`
resource "conduit_versori_connection" "test" {
  name     = "planned"
  base_url = "https://api.example.com"
  %s
  environments = [{
    name      = "production"
    variables = %s
    action_credentials = [{ credential_id = %q, auth_scheme_config = %s }]
  }, { name = "staging" }%s]
}
`, extra, prodVars, sbversori.CredHMAC, scheme, envs))
	}
	apiKey := `{ scheme_type = "api-key", name = "X-Key", in = "header" }`
	hmac := `{ scheme_type = "hmac", name = "X-Sig", in = "header", algorithm = "sha256", digest_inputs = ["body"] }`
	known := func(paths ...tfjsonpath.Path) []plancheck.PlanCheck {
		var out []plancheck.PlanCheck
		for _, p := range paths {
			out = append(out, plancheck.ExpectKnownValue(addr, p, knownvalue.NotNull()))
		}
		return out
	}
	// Clipped, so that each step's append copies it.
	unchanging := slices.Clip(known(tfjsonpath.New("id"), tfjsonpath.New("organisation_id"), tfjsonpath.New("created_at"), tfjsonpath.New("versions"),
		env(1).AtMapKey("id")))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(`{ tier = "gold" }`, apiKey, "", "")},
			{
				// An environment's variables edited and one added: one PUT
				// (the new environment) and one UpdateEnvironment.
				PreConfig: sb.Reset,
				Config:    cfg(`{ tier = "platinum" }`, apiKey, "", `, { name = "dev" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(unchanging,
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("versions"), knownvalue.ListSizeExact(1)),
					plancheck.ExpectKnownValue(addr, env(0).AtMapKey("id"), knownvalue.NotNull()),
					plancheck.ExpectUnknownValue(addr, env(2).AtMapKey("id")),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("updated_at")),
				)},
				Check: sb.ExpectRequests(map[string]int{routeGet: 1, routePut: 1, routeEnvPut: 1}),
			},
			{
				// The credential's scheme_type changes: production is
				// replaced within the PUT, a new id.
				PreConfig: sb.Reset,
				Config:    cfg(`{ tier = "platinum" }`, hmac, "", `, { name = "dev" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(unchanging,
					plancheck.ExpectKnownValue(addr, env(2).AtMapKey("id"), knownvalue.NotNull()),
					plancheck.ExpectUnknownValue(addr, env(0).AtMapKey("id")),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("updated_at")),
				)},
				Check:             sb.ExpectRequests(map[string]int{routeGet: 1, routePut: 1}),
				ConfigStateChecks: []statecheck.StateCheck{updated.AddStateValue(addr, tfjsonpath.New("updated_at"))},
			},
			{
				// force_delete alone: nothing is sent, nothing moves.
				PreConfig: sb.Reset,
				Config:    cfg(`{ tier = "platinum" }`, hmac, "force_delete = true", `, { name = "dev" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(unchanging,
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, env(0).AtMapKey("id"), knownvalue.NotNull()),
					plancheck.ExpectKnownValue(addr, env(2).AtMapKey("id"), knownvalue.NotNull()),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("updated_at"), knownvalue.NotNull()),
				)},
				Check:             sb.ExpectRequests(map[string]int{routeGet: 1}),
				ConfigStateChecks: []statecheck.StateCheck{updated.AddStateValue(addr, tfjsonpath.New("updated_at"))},
			},
		},
	})
}
