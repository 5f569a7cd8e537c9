package tiledbcredential_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// absentFromState fails when any of the strings appears in the state JSON.
type absentFromState []string

func (a absentFromState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if len(raw) < 100 {
		resp.Error = fmt.Errorf("state JSON is suspiciously small: %s", raw)
		return
	}
	for _, s := range a {
		if strings.Contains(string(raw), s) {
			resp.Error = fmt.Errorf("state JSON contains the secret %q", s)
			return
		}
	}
}

// absentFromPlan fails when any of the strings appears in the planned
// changes and values of the JSON plan (its `variables` and `configuration`
// parts echo the inputs by design and are left out).
type absentFromPlan []string

func (a absentFromPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	raw, err := json.Marshal([]any{req.Plan.ResourceChanges, req.Plan.PlannedValues, req.Plan.PriorState, req.Plan.ResourceDrift})
	if err != nil {
		resp.Error = err
		return
	}
	for _, s := range a {
		if strings.Contains(string(raw), s) {
			resp.Error = fmt.Errorf("plan JSON contains the secret %q", s)
			return
		}
	}
}

// TestAccTileDBCredential_rotation: write-only secrets are sent on create,
// never stored; changing secret_wo_version sends the new value in exactly one
// PATCH and one GET; changing the value alone plans nothing.
func TestAccTileDBCredential_rotation(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveTileDB)
	sb := acctest.StartSandbox(t)
	ns := namespace(sb)
	name := acctest.Name("acc-rotation")
	key := ns + "/" + name
	cfg := func(secret string, version int, extra string) string {
		return sb.Config(config(name, fmt.Sprintf(`
  secret_wo_version = %d
  %s
  aws_access_key = {
    access_key_id        = "AKIAACCROTATION00001"
    secret_access_key_wo = %q
  }`, version, extra, secret)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    cfg("wo-secret-1", 1, ""),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeAdd: 1, routeGet: 1}),
					expectSecret(sb, key, "secret_access_key", "wo-secret-1"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("aws_access_key").AtMapKey("secret_access_key_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("aws_access_key").AtMapKey("secret_access_key"), knownvalue.Null()),
					absentFromState{"wo-secret-1"},
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{absentFromPlan{"wo-secret-1"}}},
			},
			{
				// A new value without a new version: nothing to do.
				PreConfig: sb.Reset,
				Config:    cfg("wo-secret-2", 1, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1}),
					expectSecret(sb, key, "secret_access_key", "wo-secret-1"),
				),
			},
			{
				// Rotation: one PATCH and one GET (the other GET is the refresh).
				PreConfig: sb.Reset,
				Config:    cfg("wo-secret-2", 2, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), absentFromPlan{"wo-secret-2"}},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 1}),
					expectSecret(sb, key, "secret_access_key", "wo-secret-2"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secret_wo_version"), knownvalue.Int64Exact(2)),
					absentFromState{"wo-secret-1", "wo-secret-2"},
				},
			},
			{
				// Any update carries the configured write-only secret, since the API replaces the kind whole.
				PreConfig: sb.Reset,
				Config:    cfg("wo-secret-3", 2, "allowed_in_tasks = true"),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 1}),
					expectSecret(sb, key, "secret_access_key", "wo-secret-3"),
				),
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateId:           key,
				ImportStateVerifyIgnore: []string{"secret_wo_version"},
			},
		},
	})
}

// TestAccTileDBCredential_secretAudit: with all six kinds in write-only form
// plus one stored secret, no secret value shows in state, in the plans the
// harness renders into the log, or anywhere in a TF_LOG=TRACE log of the run
// (the provider runs in-process, so its own logs land in the same file).
func TestAccTileDBCredential_secretAudit(t *testing.T) {
	acctest.RequireSandbox(t, "audits the sandbox's known secrets")
	sb := acctest.StartSandbox(t)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	// HTTP basic this time, from the environment: the harness logs the HCL.
	t.Setenv("TILEDB_REST_TOKEN", "")
	t.Setenv("TILEDB_REST_USERNAME", sb.Creds.TileDBUser)
	t.Setenv("TILEDB_REST_PASSWORD", sb.Creds.TileDBPassword)
	provider := fmt.Sprintf("provider \"conduit\" {\n  tiledb {\n    endpoint  = %q\n    namespace = %q\n  }\n}\n",
		sb.URL, sb.Creds.TileDBNamespace)

	vars := []string{"aws", "role", "azkey", "sas", "hmac", "sa", "stored"}
	secretFor := func(v string, round int) string {
		if v == "sa" {
			return fmt.Sprintf(`{"type":"service_account","client_email":"audit@p.iam.gserviceaccount.com","private_key_id":"kid%d","private_key":"PRIVATE-sa-%d"}`, round, round)
		}
		return fmt.Sprintf("AUDIT-%s-secret-%d", v, round)
	}
	// Secrets reach Terraform through TF_VAR_ variables, so the harness's
	// own log of the configuration cannot hold them.
	setRound := func(round int) {
		for _, v := range vars {
			if err := os.Setenv("TF_VAR_"+v, secretFor(v, round)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, v := range vars {
		t.Setenv("TF_VAR_"+v, secretFor(v, 1))
	}
	var secrets []string
	for _, round := range []int{1, 2} {
		for _, v := range vars {
			secrets = append(secrets, fmt.Sprintf("AUDIT-%s-secret-%d", v, round), fmt.Sprintf("PRIVATE-sa-%d", round))
		}
	}
	var woSecrets []string
	for _, s := range secrets {
		if !strings.Contains(s, "stored") {
			woSecrets = append(woSecrets, s)
		}
	}

	body := func(version int) string {
		var b strings.Builder
		for _, v := range vars {
			fmt.Fprintf(&b, "variable %q {\n  type      = string\n  sensitive = true\n}\n", v)
		}
		kinds := map[string]string{
			"aws":   `aws_access_key = { access_key_id = "AKIAAUDIT00000000001", secret_access_key_wo = var.aws }`,
			"role":  `aws_role = { role_arn = "arn:aws:iam::123456789012:role/audit", external_id_wo = var.role }`,
			"azkey": `azure_account_key = { account_name = "audit", account_key_wo = var.azkey }`,
			"sas":   `azure_sas_token = { account_name = "audit", sas_token_wo = var.sas }`,
			"hmac":  `gcp_hmac_key = { access_key_id = "GOOG1AUDIT0000000001", secret_access_key_wo = var.hmac }`,
			"sa":    `gcp_service_account_key = { key_text_wo = var.sa }`,
		}
		for _, v := range vars[:6] {
			fmt.Fprintf(&b, "resource \"conduit_tiledb_credential\" %q {\n  name = \"audit-%s\"\n  secret_wo_version = %d\n  %s\n}\n", v, v, version, kinds[v])
		}
		b.WriteString(`resource "conduit_tiledb_credential" "stored" {
  name = "audit-stored"
  aws_access_key = {
    access_key_id     = "AKIAAUDIT00000000002"
    secret_access_key = var.stored
  }
}
`)
		return b.String()
	}
	ns := sb.Creds.TileDBNamespace
	expectRound := func(round int) resource.TestCheckFunc {
		var checks []resource.TestCheckFunc
		fields := map[string]string{"aws": "secret_access_key", "role": "external_id", "azkey": "account_key", "sas": "sas_token", "hmac": "secret_access_key", "sa": "key_text", "stored": "secret_access_key"}
		for _, v := range vars {
			checks = append(checks, expectSecret(sb, ns+"/audit-"+v, fields[v], secretFor(v, round)))
		}
		return resource.ComposeTestCheckFunc(checks...)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				PreConfig:         sb.Reset,
				Config:            provider + body(1),
				Check:             resource.ComposeTestCheckFunc(sb.ExpectRequests(map[string]int{routeAdd: 7, routeGet: 7}), expectRound(1)),
				ConfigStateChecks: []statecheck.StateCheck{absentFromState(woSecrets)},
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{absentFromPlan(woSecrets)}},
			},
			{
				// Rotate all six write-only secrets (new version) and the stored
				// one (new value): one PATCH + one GET each, after the refresh
				// of the 7 (one GET, then one list of the namespace: batch_reads).
				PreConfig: func() {
					sb.Reset()
					setRound(2)
				},
				Config:            provider + body(2),
				Check:             resource.ComposeTestCheckFunc(sb.ExpectRequests(map[string]int{routeGet: 1 + 7, routeList: 1, routePatch: 7}), expectRound(2)),
				ConfigStateChecks: []statecheck.StateCheck{absentFromState(woSecrets)},
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{absentFromPlan(woSecrets)}},
			},
		},
	})

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	// The log must hold what we audit: requests with bodies and rendered plans.
	for _, want := range []string{"conduit.tiledb", "request detail", `\"secret_access_key\":\"***\"`, "Created plan with changes",
		"(sensitive value)", "Authorization:***"} {
		if !strings.Contains(log, want) {
			t.Errorf("TRACE log lacks %q", want)
		}
	}
	for _, s := range append(secrets, sb.Creds.TileDBPassword, base64.StdEncoding.EncodeToString([]byte(sb.Creds.TileDBUser+":"+sb.Creds.TileDBPassword))) {
		if i := strings.Index(log, s); i >= 0 {
			t.Errorf("TRACE log contains the secret %q: …%s…", s, log[max(0, i-300):min(len(log), i+100)])
		}
	}
}
