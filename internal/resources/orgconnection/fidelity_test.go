package orgconnection_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// An organization deleted outside Terraform answers 404 without errorCode
// (as recorded): the refresh drops the pair from state without an error, the
// next apply's POST reports the 404 with Auth0's message, and the data source
// reports it the same way, each naming method, path and status.
func TestAccOrgConnection_organizationGone(t *testing.T) {
	acctest.RequireSandbox(t, "deleting an organization out of band needs the sandbox")
	sb := acctest.StartSandbox(t)
	const org = "org_gone000000000001"
	sb.Auth0().AddOrganization(org)
	cfg := sb.Config(config(org, sbauth0.ConDatabase, ""))
	list := sb.Config(fmt.Sprintf(`
data "conduit_org_connections" "all" {
  organization_id = %q
}
`, org))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					sb.Auth0().RemoveOrganization(org)
					sb.ResetCounts()
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1}),
					func(s *terraform.State) error {
						if _, ok := s.RootModule().Resources[addr]; ok {
							return fmt.Errorf("%s is still in state", addr)
						}
						return nil
					},
				),
			},
			{
				Config:   cfg,
				PlanOnly: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:      cfg,
				ExpectError: acctest.ErrorMatching("POST /api/v2/organizations/" + org + "/connections: 404 Not Found: No organization found by that id or name"),
			},
			{
				Config:      list,
				ExpectError: acctest.ErrorMatching("GET /api/v2/organizations/" + org + "/connections: 404 Not Found: No organization found by that id or name"),
			},
		},
	})
}

// /oauth/token answers in the OAuth shape `{error, error_description}`: a
// refused client secret shows Auth0's description and code at once: the
// refusal is not retried and nothing reaches the Management API.
func TestAccOrgConnection_clientCredentialsRefused(t *testing.T) {
	acctest.RequireSandbox(t, "needs the sandbox's token endpoint")
	sb := acctest.StartSandbox(t)
	provider := `
provider "conduit" {
  auth0 {
    domain        = "` + sb.Creds.Auth0Domain + `"
    endpoint      = "` + sb.URL + `"
    client_id     = "` + sb.Creds.Auth0ClientID + `"
    client_secret = "not-the-secret"
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      provider + config(sbauth0.OrgAcme, sbauth0.ConDatabase, ""),
			ExpectError: acctest.ErrorMatching("POST /oauth/token: 401 Unauthorized: Unauthorized (access_denied)", "refused the credential from auth0.client_id and auth0.client_secret"),
		}},
	})
	// The refusal is final: one token request, and nothing else reached the API.
	if got := sb.Counts(); len(got) != 1 || got["POST /oauth/token"] != 1 {
		t.Fatalf("want exactly one token request, got %v", got)
	}
}
