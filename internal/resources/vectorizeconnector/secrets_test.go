package vectorizeconnector_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// stateLacks fails when any of the strings shows up in `terraform show -json` of the state.
type stateLacks []string

func (s stateLacks) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	resp.Error = lacks("state JSON", string(raw), s)
}

// planLacks fails when any of the strings shows up in `terraform show -json` of the plan.
type planLacks []string

func (p planLacks) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	raw, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	resp.Error = lacks("plan JSON", string(raw), p)
}

func lacks(what, text string, secrets []string) error {
	for _, s := range secrets {
		if i := strings.Index(text, s); i >= 0 {
			return fmt.Errorf("%s contains the secret %q: …%s…", what, s, text[max(0, i-200):min(len(text), i+50)])
		}
	}
	return nil
}

// planMarksSensitive checks the plan renders the attribute as "(sensitive value)":
// Terraform's plan output hides exactly the values after_sensitive marks.
type planMarksSensitive string

func (a planMarksSensitive) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != addr {
			continue
		}
		marks, _ := rc.Change.AfterSensitive.(map[string]any)
		if marks[string(a)] != true {
			resp.Error = fmt.Errorf("%s.%s is not marked sensitive in the plan: %v", addr, a, rc.Change.AfterSensitive)
		}
		return
	}
	resp.Error = fmt.Errorf("no change for %s", addr)
}

// stateMarksSensitive checks the state JSON marks the attribute sensitive.
type stateMarksSensitive string

func (a stateMarksSensitive) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	var found *tfjson.StateResource
	if req.State.Values != nil {
		for _, r := range req.State.Values.RootModule.Resources {
			if r.Address == addr {
				found = r
			}
		}
	}
	if found == nil {
		resp.Error = fmt.Errorf("no %s in state", addr)
		return
	}
	var marks map[string]any
	_ = json.Unmarshal(found.SensitiveValues, &marks)
	if marks[string(a)] != true {
		resp.Error = fmt.Errorf("%s.%s is not marked sensitive in state: %s", addr, a, found.SensitiveValues)
	}
}

// The secrets come from TF_VAR_ variables, not the HCL: the test harness logs
// each step's configuration, and that log is what the test audits.
func woConfig(version int) string {
	return fmt.Sprintf(`
variable "wo_secret" {
  type      = string
  ephemeral = true
}
resource "conduit_vectorize_source_connector" "test" {
  name   = "tf-acc-s3-wo"
  type   = "AWS_S3"
  config = jsonencode({ "bucket-name" = "secrets" })
  secret_config_wo = jsonencode({
    "access-key" = "AKIAWRITEONLY0000001"
    "secret-key" = var.wo_secret
  })
  secret_config_wo_version = %d
}
`, version)
}

func setVar(t *testing.T, name, value string) func() {
	return func() {
		if err := os.Setenv("TF_VAR_"+name, value); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAccSourceConnector_secrets: write-only secrets never reach state, plan
// or a TRACE log; changing the value alone plans nothing and bumping
// secret_config_wo_version sends it in exactly one PATCH; the sensitive stored
// form is masked in plans and state and never logged either.
func TestAccSourceConnector_secrets(t *testing.T) {
	acctest.RequireSandbox(t, "audits what the sandbox received")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_VAR_wo_secret", "")
	t.Setenv("TF_VAR_stored_secret", "")

	const (
		wo1       = "wo-secret-one-zq81"
		wo2       = "wo-secret-two-mx47"
		sensitive = "stored-secret-three-kp02"
		accessWO  = "AKIAWRITEONLY0000001"
	)
	secrets := []string{wo1, wo2, sensitive, accessWO}
	stored := func(access, secretKey string) map[string]any {
		return map[string]any{"access-key": access, "archiver": false, "bucket-name": "secrets", "secret-key": secretKey}
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				PreConfig:         func() { sb.Reset(); setVar(t, "wo_secret", wo1)() },
				Config:            sb.Config(woConfig(1)),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{planLacks(secrets)}},
				ConfigStateChecks: []statecheck.StateCheck{stateLacks(secrets)},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeCreate: 1, routeGet: 1}),
					expectStored(sb, o, stored(accessWO, wo1)),
					resource.TestCheckNoResourceAttr(addr, "secret_config_wo"),
				),
			},
			{
				// A new write-only value alone is invisible to Terraform: nothing planned, nothing sent.
				PreConfig:        func() { sb.Reset(); setVar(t, "wo_secret", wo2)() },
				Config:           sb.Config(woConfig(1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1}),
					expectStored(sb, o, stored(accessWO, wo1)),
				),
			},
			{
				// Bumping the version rotates it: exactly one PATCH.
				PreConfig: sb.Reset,
				Config:    sb.Config(woConfig(2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), planLacks(secrets)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{stateLacks(secrets)},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
					expectStored(sb, o, stored(accessWO, wo2)),
				),
			},
			{
				// Moving to the stored form: sensitive in plan and state, sent in one PATCH.
				PreConfig: func() { sb.Reset(); setVar(t, "stored_secret", sensitive)() },
				Config: sb.Config(`
variable "stored_secret" {
  type      = string
  sensitive = true
}
resource "conduit_vectorize_source_connector" "test" {
  name   = "tf-acc-s3-wo"
  type   = "AWS_S3"
  config = jsonencode({ "bucket-name" = "secrets" })
  secret_config = jsonencode({
    "access-key" = "AKIASTORED0000000001"
    "secret-key" = var.stored_secret
  })
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{planMarksSensitive("secret_config")},
				},
				ConfigStateChecks: []statecheck.StateCheck{stateMarksSensitive("secret_config")},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
					expectStored(sb, o, stored("AKIASTORED0000000001", sensitive)),
				),
			},
		},
	})

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	for _, want := range []string{"sending request", "request detail", `\"secret-key\":\"***\"`, "PATCH"} {
		if !strings.Contains(log, want) {
			t.Errorf("TRACE log lacks %q", want)
		}
	}
	// The access key ids and the API key are literals in the HCL, which the
	// harness logs; the secret keys came from variables, so any copy in the log
	// is a leak, and the API key must never appear as a header.
	if err := lacks("TRACE log", log, []string{wo1, wo2, sensitive, "Bearer " + sb.Creds.VectorizeKey}); err != nil {
		t.Error(err)
	}
}
