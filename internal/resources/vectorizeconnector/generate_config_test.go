package vectorizeconnector_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

// generatedBlock is one resource block `terraform query -generate-config-out`
// wrote, and its type line.
var (
	generatedBlock = regexp.MustCompile(`(?s)resource "conduit_vectorize_source_connector" "[^"]+" \{\n.*?\n\}\n`)
	s3TypeLine     = regexp.MustCompile(`(?m)^\s*type\s+= "AWS_S3"$`)
	nullSecretWO   = regexp.MustCompile(`(?m)^(\s*)secret_config_wo(\s+)= null # sensitive$`)
)

// fillSecrets does what the resource's docs ("Adopting with terraform
// query") tell users to: in the block of each connector whose type has
// secret keys, replace `secret_config_wo = null` with the secrets the
// connector holds, leaving secret_config and secret_config_wo_version null.
func fillSecrets(gen, secrets string) (string, int) {
	n := 0
	out := generatedBlock.ReplaceAllStringFunc(gen, func(block string) string {
		if !s3TypeLine.MatchString(block) {
			return block
		}
		n++
		return nullSecretWO.ReplaceAllString(block, "${1}secret_config_wo${2}= "+secrets)
	})
	return out, n
}

const s3Secrets = `jsonencode({ "access-key" = "AKIASANDBOXEXAMPLE01", "secret-key" = "s3-secret-value-do-not-log" })`

// TestAccSourceConnectorList_generateConfig is the acceptance point:
// 120 connectors in one organization (a third AWS_S3, whose secrets the API
// never returns), `terraform query -generate-config-out` writes their
// import and resource blocks; as written, the S3 blocks fail at plan with
// the note on what to fill in, before any request; with secret_config_wo
// filled in as the docs say, `terraform apply` imports all 120 with no
// mutating request, and `terraform plan` then shows no change.
func TestAccSourceConnectorList_generateConfig(t *testing.T) {
	sb := acctest.StartAdoptionSandbox(t)
	const n = 120
	var reqs []vectorize.CreateRequest
	for i := range n {
		name := fmt.Sprintf("adopt-%03d", i)
		switch i % 3 {
		case 0:
			reqs = append(reqs, s3Req(name))
		case 1:
			reqs = append(reqs, crawlerReq(name))
		default:
			reqs = append(reqs, uploadReq(name))
		}
	}
	acctest.Adoption{
		Type:         listType,
		ListBlock:    listBlock("acme", "", "  limit = 1000"),
		KeyAttribute: "id",
		Keys:         connectors(t, sb, reqs...),
		Scope:        map[string]string{"organization_id": org(sb)},
		// The API answers the whole list at once; the imports read their
		// connectors (the first with its GET, the others from one list of
		// the organization: batch_reads), and so does the plan.
		QueryRequests:  map[string]int{routeList: 1},
		ImportRequests: map[string]int{routeGet: 1, routeList: 1},
		PlanRequests:   map[string]int{routeGet: 1, routeList: 1},
		// As generated: the S3 connectors lack their secrets.
		GeneratedPlanErrors: []*regexp.Regexp{acctest.ErrorMatching(`Connectors of type AWS_S3 require "access-key" and "secret-key", which are not set`,
			`configuration written by terraform query -generate-config-out lacks them`, `"Adopting with terraform query"`)},
		BeforeApply: func(t *testing.T, _ *acctest.Workdir, gen string) string {
			filled, s3 := fillSecrets(gen, s3Secrets)
			if s3 != n/3 {
				t.Fatalf("filled the secrets of %d connectors, want %d", s3, n/3)
			}
			return filled
		},
		CheckState: func(t *testing.T, st *tfjson.State) {
			raw, _ := json.Marshal(st)
			if err := lacks("state", string(raw), []string{"s3-secret-value-do-not-log", "AKIASANDBOXEXAMPLE01"}); err != nil {
				t.Fatal(err)
			}
		},
	}.Run(t, sb)
}

// TestAccSourceConnector_adoptWithStoredSecret: filling the stored
// secret_config instead plans an update (state has no secret after an
// import), whose apply sends the config and secrets once more in one PATCH:
// why the docs say secret_config_wo.
func TestAccSourceConnector_adoptWithStoredSecret(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	ids := connectors(t, sb, s3Req("archive"))
	cfg := func(secret string) string {
		return sb.Config(fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "test" {
  name   = "archive"
  type   = "AWS_S3"
  config = jsonencode({ archiver = false, "bucket-name" = "archive", region = "eu-west-1" })
  %s
}
import {
  to       = %s
  identity = { id = %q }
}
`, secret, addr, ids[0]))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    cfg("secret_config = " + s3Secrets),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
			},
			{
				// For comparison: the write-only form imports with the one GET.
				PreConfig: sb.Reset,
				Config: sb.Config(`
removed {
  from = conduit_vectorize_source_connector.test
  lifecycle {
    destroy = false
  }
}
`),
			},
			{
				PreConfig: sb.Reset,
				Config:    cfg("secret_config_wo = " + s3Secrets),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				Check:             sb.ExpectRequests(map[string]int{routeGet: 1}),
				ConfigStateChecks: []statecheck.StateCheck{stateLacks{"s3-secret-value-do-not-log"}},
			},
		},
	})
}
