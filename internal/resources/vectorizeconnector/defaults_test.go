package vectorizeconnector_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// TestAccSourceConnector_archiverDefault: AWS_S3AuthConfig lists archiver as
// required with default false. The user may leave it out (no plan-time
// error); the provider then sends false in every create and update, which a
// server requiring the key (the sandbox) accepts. A configured value is
// sent as is, and the default is not adopted into config.
func TestAccSourceConnector_archiverDefault(t *testing.T) {
	acctest.RequireSandbox(t, "reads the config the sandbox stored")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	stored := func(archiver bool) map[string]any {
		return map[string]any{"access-key": "AKIASANDBOXEXAMPLE01", "archiver": archiver, "bucket-name": "docs", "secret-key": "s3-secret-value-do-not-log"}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    sb.Config(s3Config("tf-acc-archiver", `jsonencode({ "bucket-name" = "docs" })`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeCreate: 1, routeGet: 1}),
					expectStored(sb, o, stored(false)),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config"), str(`{"bucket-name":"docs"}`)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: sb.Reset,
				Config:    sb.Config(s3Config("tf-acc-archiver", `jsonencode({ "bucket-name" = "docs", archiver = true })`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
					expectStored(sb, o, stored(true)),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Taken out of config again: the PATCH, which replaces the config, carries the default.
				PreConfig: sb.Reset,
				Config:    sb.Config(s3Config("tf-acc-archiver", `jsonencode({ "bucket-name" = "docs" })`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
					expectStored(sb, o, stored(false)),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
