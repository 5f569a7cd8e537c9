package vectorizeconnector_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	sbvectorize "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/vectorize"
)

const (
	addr        = "conduit_vectorize_source_connector.test"
	sources     = "/vectorize/v1/org/{organizationId}/connectors/sources"
	routeList   = "GET " + sources
	routeCreate = "POST " + sources
	routeGet    = "GET " + sources + "/{sourceConnectorId}"
	routePatch  = "PATCH " + sources + "/{sourceConnectorId}"
	routeDel    = "DELETE " + sources + "/{sourceConnectorId}"
)

var (
	uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
)

func str(v string) knownvalue.Check { return knownvalue.StringExact(v) }

// email is the sandbox identity's email; live runs only need one.
func email() knownvalue.Check {
	if acctest.Live() {
		return knownvalue.NotNull()
	}
	return str(sbvectorize.UserEmail)
}

// org is the organization the tests use: the sandbox's, or the live one.
func org(sb *acctest.Sandbox) string {
	if sb == nil {
		return acctest.Env("VECTORIZE_ORGANIZATION_ID")
	}
	return sb.Creds.VectorizeOrg
}

func s3Config(name, public string) string {
	return fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "test" {
  name   = %q
  type   = "AWS_S3"
  config = %s
  secret_config = jsonencode({
    "access-key" = "AKIASANDBOXEXAMPLE01"
    "secret-key" = "s3-secret-value-do-not-log"
  })
}
`, acctest.Name(name), public)
}

// key is the sandbox object key of the connector in state.
func key(s *terraform.State, o string) string {
	return o + "/" + s.RootModule().Resources[addr].Primary.ID
}

// expectStored checks the whole config the sandbox holds, secrets included.
func expectStored(sb *acctest.Sandbox, o string, want map[string]any) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if sb == nil {
			return nil
		}
		got, ok := sb.Vectorize().StoredConfig(key(s, o))
		if !ok {
			return fmt.Errorf("sandbox has no connector %s", key(s, o))
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			return fmt.Errorf("stored config:\n  got  %s\n  want %s", g, w)
		}
		return nil
	}
}

func TestAccSourceConnector_lifecycle(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveVectorize)
	sb := acctest.StartSandbox(t)
	o := org(sb)
	secrets := map[string]any{"access-key": "AKIASANDBOXEXAMPLE01", "secret-key": "s3-secret-value-do-not-log"}
	stored := func(extra map[string]any) map[string]any {
		m := map[string]any{"archiver": false}
		for k, v := range secrets {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Create = POST + GET (the POST answers only id and name).
				PreConfig: sb.Reset,
				Config:    sb.Config(s3Config("tf-acc-s3", `jsonencode({ "bucket-name" = "docs", region = "eu-west-1", "idle-time" = 300 })`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeCreate: 1, routeGet: 1}),
					expectStored(sb, o, stored(map[string]any{"bucket-name": "docs", "region": "eu-west-1", "idle-time": 300})),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRE)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_id"), str(o)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), str(acctest.Name("tf-acc-s3"))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification_status"), str("verified")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("error_message"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_by_email"), email()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_updated_by_email"), email()),
					// The server default "archiver" is not adopted into config.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config"), str(`{"bucket-name":"docs","idle-time":300,"region":"eu-west-1"}`)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Same JSON, other key order and whitespace: no change, only the refresh.
				PreConfig: sb.Reset,
				Config: sb.Config(s3Config("tf-acc-s3", `<<-EOT
    {
      "region":      "eu-west-1",
      "idle-time":   300.0,
      "bucket-name": "docs"
    }
  EOT`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				// In-place update: one PATCH carrying the secrets again; state from its answer.
				PreConfig: sb.Reset,
				Config:    sb.Config(s3Config("tf-acc-s3", `jsonencode({ "bucket-name" = "docs", region = "us-east-1" })`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
					expectStored(sb, o, stored(map[string]any{"bucket-name": "docs", "region": "us-east-1"})),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config"), str(`{"bucket-name":"docs","region":"us-east-1"}`)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("verification_status"), str("verified")),
				},
			},
			{
				// Read = 1 request.
				PreConfig:    sb.Reset,
				RefreshState: true,
				Check:        sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				// Import takes config whole from the API: defaults included, secrets absent.
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateIdFunc:       func(s *terraform.State) (string, error) { return key(s, o), nil },
				ImportStateVerifyIgnore: []string{"config", "secret_config"},
				ImportStateCheck: func(is []*terraform.InstanceState) error {
					if got := is[0].Attributes["config"]; got != `{"archiver":false,"bucket-name":"docs","region":"us-east-1"}` {
						return fmt.Errorf("imported config = %s", got)
					}
					return nil
				},
			},
			{
				// The short form uses the provider's organization.
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateIdFunc:       func(s *terraform.State) (string, error) { return s.RootModule().Resources[addr].Primary.ID, nil },
				ImportStateVerifyIgnore: []string{"config", "secret_config"},
			},
			{
				// Renaming cannot be done in place.
				PreConfig: sb.Reset,
				Config:    sb.Config(s3Config("tf-acc-s3-renamed", `jsonencode({ "bucket-name" = "docs", region = "us-east-1" })`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: sb.ExpectRequests(map[string]int{routeGet: 2, routeDel: 1, routeCreate: 1}),
			},
			{
				// Delete = 1 request, and nothing is left.
				PreConfig: sb.Reset,
				Config:    sb.Config(""),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routeDel: 1}),
					sb.ExpectObjects("vectorize"),
				),
			},
		},
	})
}

func TestAccSourceConnector_drift(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band edits need the sandbox control API")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	var id string
	cfg := sb.Config(`
resource "conduit_vectorize_source_connector" "test" {
  name   = "tf-acc-crawler"
  type   = "WEB_CRAWLER"
  config = jsonencode({ "seed-urls" = ["https://example.com/docs"], "max-depth" = 2 })
}
`)
	edit := func(patch string) func() {
		return func() {
			if err := sb.Emulator("vectorize").Edit(o+"/"+id, json.RawMessage(patch)); err != nil {
				t.Fatal(err)
			}
			sb.ResetCounts()
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[addr].Primary.ID
					return nil
				},
			},
			{
				// A key the configuration does not manage, added out of band: no change.
				PreConfig: edit(`{"configDoc":{"include-pattern":"*.md"}}`),
				Config:    cfg,
				PlanOnly:  true,
			},
			{
				// A managed key changed out of band is drift, repaired by one PATCH.
				PreConfig: edit(`{"configDoc":{"max-depth":5}}`),
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("config"), str(`{"max-depth":2,"seed-urls":["https://example.com/docs"]}`)),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
					expectStored(sb, o, map[string]any{"max-depth": 2, "seed-urls": []string{"https://example.com/docs"}}),
				),
			},
			{
				// Deleted out of band: removed from state and created again (POST + GET).
				PreConfig: func() {
					if err := sb.Emulator("vectorize").Delete(o + "/" + id); err != nil {
						t.Fatal(err)
					}
					sb.ResetCounts()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: sb.ExpectRequests(map[string]int{routeGet: 2, routeCreate: 1}),
			},
		},
	})
}

// TestAccSourceConnector_verificationAndWorkspace: computed fields follow the
// API, and the workspace goes in the create query.
func TestAccSourceConnector_verificationAndWorkspace(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	var id string
	cfg := func(ws string) string {
		return sb.Config(fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "test" {
  name         = "tf-acc-upload"
  type         = "FILE_UPLOAD"
  workspace_id = %q
}
`, ws))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg("ws-one"),
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[addr].Primary.ID
					list, err := sb.VectorizeAPI(t).List(context.Background(), o, vectorize.ListOptions{WorkspaceID: "ws-one"})
					if err != nil || len(list) != 1 || list[0].ID != id {
						return fmt.Errorf("workspace ws-one lists %v (%v), want %s", list, err, id)
					}
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("config"), knownvalue.Null()),
				},
			},
			{
				PreConfig: func() {
					if err := sb.Vectorize().SetVerification(o+"/"+id, "failed", "Access denied"); err != nil {
						t.Fatal(err)
					}
				},
				RefreshState: true,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "verification_status", "failed"),
					resource.TestCheckResourceAttr(addr, "error_message", "Access denied"),
				),
			},
			{
				Config: cfg("ws-two"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[addr].Primary.ID
					return nil
				},
			},
			{
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
				// The API does not return the workspace: after an import it is unknown,
				// and configuring it records it in state (no request: a PATCH
				// cannot set a workspace) instead of replacing the connector.
				Config:             cfg("ws-two"),
				ResourceName:       addr,
				ImportState:        true,
				ImportStatePersist: true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
			},
			{
				PreConfig: sb.Reset,
				Config:    cfg("ws-two"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1}),
					resource.TestCheckResourceAttr(addr, "workspace_id", "ws-two"),
				),
			},
			{
				// Once known, changing it replaces the connector again.
				Config: cfg("ws-three"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}
