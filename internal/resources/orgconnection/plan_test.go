package orgconnection_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// TestAccOrgConnection_updatePlan: an update plan shows nothing as "(known
// after apply)". Why each computed attribute keeps its state value:
//   - id is <organization_id>:<connection_id>, and changing either replaces;
//   - name and strategy come from the tenant connection object, which the
//     PATCH body cannot touch (seed 001: its fields are the six settings);
//   - an optional+computed setting left out of the configuration keeps its
//     state value in the PATCH body, and a PATCH answers the settings the
//     pair then holds (seed 001; FIDELITY.md, Auth0 PATCH rows): the API
//     changes none on its own. The one rule linking two settings (signup
//     needs automatic membership) is refused, not applied silently, and the
//     plan refuses it first (TestAccOrgConnection_signupKeptByPlan).
//
// Terraform checks the answer against the plan: a kept value the PATCH did
// change would fail the apply as an inconsistent result.
func TestAccOrgConnection_updatePlan(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	org, con := ids()
	kept := []string{"id", "name", "strategy", "show_as_button", "organization_access_level", "is_enabled"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sb.Config(config(org, con, `
  organization_connection_name = "Acme staff"
  assign_membership_on_login   = true
  is_signup_enabled            = true
`)),
			},
			{
				PreConfig: sb.Reset,
				Config: sb.Config(config(org, con, `
  organization_connection_name = "Acme employees"
  assign_membership_on_login   = true
  is_signup_enabled            = false
`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					acctest.ExpectUnknownAttributes(addr),
					acctest.ExpectPlannedAsState(addr, kept...),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(org+":"+con)),
					// The API's defaults, which the create read back.
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("show_as_button"), knownvalue.Bool(true)),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("organization_access_level"), str("none")),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("is_enabled"), knownvalue.Bool(true)),
				}},
				Check: sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_connection_name"), str("Acme employees")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_signup_enabled"), knownvalue.Bool(false)),
				},
			},
		},
	})
}

// TestAccOrgConnection_updatePlanOmittedSetting: Auth0 leaves
// is_signup_enabled out of an enterprise connection's answers (R-OC #44), so
// it is null in state; an update plan keeps it null rather than unknown.
func TestAccOrgConnection_updatePlanOmittedSetting(t *testing.T) {
	acctest.RequireSandbox(t, "the okta fixture")
	sb := acctest.StartSandbox(t)
	org, con := sbauth0.OrgGlobex, sbauth0.ConOkta
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sb.Config(config(org, con, `show_as_button = true`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_signup_enabled"), knownvalue.Null()),
				},
			},
			{
				Config: sb.Config(config(org, con, `show_as_button = false`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					acctest.ExpectUnknownAttributes(addr),
					acctest.ExpectPlannedAsState(addr, "id", "name", "strategy", "assign_membership_on_login",
						"is_signup_enabled", "organization_access_level", "is_enabled"),
				}},
			},
		},
	})
}

// TestAccOrgConnection_signupKeptByPlan: turning automatic membership off
// while signup is on, with is_signup_enabled left out, fails at plan with
// what to set, and no PATCH is sent (the API would refuse it); setting it
// as the message says applies.
func TestAccOrgConnection_signupKeptByPlan(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	org, con := ids()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sb.Config(config(org, con, `
  assign_membership_on_login = true
  is_signup_enabled          = true
`)),
			},
			{
				// Signup is still on in state and the plan keeps it.
				PreConfig: sb.Reset,
				Config:    sb.Config(config(org, con, `assign_membership_on_login = false`)),
				PlanOnly:  true,
				ExpectError: acctest.ErrorMatching("Invalid assign_membership_on_login",
					"assign_membership_on_login = false needs is_signup_enabled = false: this organization connection has signup enabled, "+
						"and the configuration leaves is_signup_enabled out, which keeps it. "+signupRule+" Set is_signup_enabled = false too."),
			},
			{
				PreConfig: func() {
					if err := sb.ExpectNoMutations(); err != nil {
						t.Fatal(err)
					}
					sb.Reset()
				},
				Config: sb.Config(config(org, con, `
  assign_membership_on_login = false
  is_signup_enabled          = false
`)),
				Check: sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("assign_membership_on_login"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_signup_enabled"), knownvalue.Bool(false)),
				},
			},
		},
	})
}
