package vectorizeconnector_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// TestAccSourceConnector_updatePlanUnknowns: an update plan shows as
// "(known after apply)" exactly the computed attributes that update can
// change.
//   - id, organization_id, created_at, created_by_email: never (the
//     connector's creation facts; PATCH takes only config), so always known.
//   - verification_status, error_message: the result of checking the config
//     the PATCH sends (updateSourceConnector answers them in
//     updatedConnector), so unknown when config or a secret changes;
//     last_updated_by_email is whoever sent the PATCH, unknown then too.
//   - Recording the workspace after an import sends no PATCH, so all seven
//     stay known, and the apply sends no request but the refresh.
func TestAccSourceConnector_updatePlanUnknowns(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	// Made outside Terraform and adopted by the first step, as after
	// terraform query -generate-config-out.
	id := connectors(t, sb, s3Req("archive"))[0]
	cfg := func(region, extra string) string {
		return sb.Config(fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "test" {
  name   = "archive"
  type   = "AWS_S3"
  config = jsonencode({ archiver = false, "bucket-name" = "archive", region = %q })
  secret_config_wo = jsonencode({
    "access-key" = "AKIASANDBOXEXAMPLE01"
    "secret-key" = "s3-secret-value-do-not-log"
  })
%s
}
import {
  to       = %s
  identity = { id = %q }
}
`, region, extra, addr, id))
	}
	created := regexp.MustCompile(`^\d{4}-\d\d-\d\dT`)
	alwaysKnown := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
		plancheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(id)),
		plancheck.ExpectKnownValue(addr, tfjsonpath.New("organization_id"), str(o)),
		plancheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(created)),
		plancheck.ExpectKnownValue(addr, tfjsonpath.New("created_by_email"), email()),
	}
	recordsWorkspace := append([]plancheck.PlanCheck{
		plancheck.ExpectKnownValue(addr, tfjsonpath.New("verification_status"), str("verified")),
		plancheck.ExpectKnownValue(addr, tfjsonpath.New("error_message"), knownvalue.Null()),
		plancheck.ExpectKnownValue(addr, tfjsonpath.New("last_updated_by_email"), email()),
	}, alwaysKnown...)
	sendsConfig := append([]plancheck.PlanCheck{
		plancheck.ExpectUnknownValue(addr, tfjsonpath.New("verification_status")),
		plancheck.ExpectUnknownValue(addr, tfjsonpath.New("error_message")),
		plancheck.ExpectUnknownValue(addr, tfjsonpath.New("last_updated_by_email")),
	}, alwaysKnown...)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    cfg("eu-west-1", ""),
				Check:     sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				// The workspace recorded: no request but the refresh.
				PreConfig:        sb.Reset,
				Config:           cfg("eu-west-1", `  workspace_id = "ws-docs"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: recordsWorkspace},
				Check:            sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				// A config change: one PATCH.
				PreConfig:        sb.Reset,
				Config:           cfg("us-east-1", `  workspace_id = "ws-docs"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: sendsConfig},
				Check:            sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
			},
			{
				// The secrets sent again (a new version): one PATCH.
				PreConfig:        sb.Reset,
				Config:           cfg("us-east-1", "  workspace_id = \"ws-docs\"\n  secret_config_wo_version = 1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: sendsConfig},
				Check:            sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
			},
		},
	})
}
