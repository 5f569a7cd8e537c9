package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// TestAccProvider_batchReads: the attribute batch_reads, else
// CONDUIT_BATCH_READS, else true decides whether a refresh of two pairs of
// one organization is one GET and one list, or two GETs; an invalid value
// of the variable is an error naming it, before any request.
func TestAccProvider_batchReads(t *testing.T) {
	acctest.RequireSandbox(t, "request counts")
	clearEnv(t)
	sb := acctest.StartSandbox(t)
	const (
		get  = "GET /api/v2/organizations/{id}/connections/{connection_id}"
		list = "GET /api/v2/organizations/{id}/connections"
	)
	pairs := `
resource "conduit_org_connection" "a" {
  organization_id = "` + sbauth0.OrgAcme + `"
  connection_id   = "` + sbauth0.ConDatabase + `"
}
resource "conduit_org_connection" "b" {
  organization_id = "` + sbauth0.OrgAcme + `"
  connection_id   = "` + sbauth0.ConGoogle + `"
}
`
	batched := map[string]int{get: 1, list: 1}
	perObject := map[string]int{get: 2}
	step := func(env, attr string, want map[string]int) resource.TestStep {
		provider := sb.ProviderConfig()
		if attr != "" {
			provider = "provider \"conduit\" {\n  batch_reads = " + attr + provider[len("provider \"conduit\" {"):]
		}
		return resource.TestStep{
			PreConfig: func() {
				t.Setenv("CONDUIT_BATCH_READS", env)
				sb.Reset()
			},
			Config:   provider + pairs,
			PlanOnly: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{sb.ExpectRequestsAfterRefresh(want)},
			},
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sb.ProviderConfig() + pairs},
			step("", "", batched),
			step("false", "", perObject),
			step("0", "", perObject),
			step("true", "", batched),
			step("false", "true", batched),
			step("", "false", perObject),
			{
				PreConfig: func() {
					t.Setenv("CONDUIT_BATCH_READS", "sometimes")
					sb.Reset()
				},
				Config:      sb.ProviderConfig() + pairs,
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching("Invalid CONDUIT_BATCH_READS", `CONDUIT_BATCH_READS: "sometimes" must be true or false`),
			},
			{
				// Nothing was sent for the invalid setting.
				PreConfig: func() {
					if err := sb.ExpectRequests(map[string]int{})(nil); err != nil {
						t.Fatal(err)
					}
					t.Setenv("CONDUIT_BATCH_READS", "")
				},
				Config: sb.ProviderConfig() + pairs,
			},
		},
	})
}
