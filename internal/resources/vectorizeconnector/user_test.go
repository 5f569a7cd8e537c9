package vectorizeconnector_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

const (
	userAddr        = "conduit_vectorize_source_connector_user.test"
	routeUserAdd    = "POST " + sources + "/{sourceConnectorId}/users"
	routeUserPatch  = "PATCH " + sources + "/{sourceConnectorId}/users"
	routeUserDelete = "DELETE " + sources + "/{sourceConnectorId}/users"
)

func userConfig(connectorType, user string) string {
	return fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "test" {
  name = "tf-acc-drive"
  type = %q
}
resource "conduit_vectorize_source_connector_user" "test" {
  source_connector_id = conduit_vectorize_source_connector.test.id
  user_id             = "3f1c9a52-7d2e-4b8a-9c61-0e5f4d3b2a19"
%s
}
`, connectorType, user)
}

// expectUser checks the user the sandbox holds.
func expectUser(sb *acctest.Sandbox, o, files, refresh, access string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if sb == nil {
			return nil
		}
		got, r, a, ok := sb.Vectorize().StoredUser(key(s, o), "3f1c9a52-7d2e-4b8a-9c61-0e5f4d3b2a19")
		if !ok {
			return fmt.Errorf("sandbox has no such user")
		}
		if string(got) != files || r != refresh || a != access {
			return fmt.Errorf("stored user: files %s refresh %q access %q; want %s %q %q", got, r, a, files, refresh, access)
		}
		return nil
	}
}

func TestAccSourceConnectorUser_lifecycle(t *testing.T) {
	acctest.RequireSandbox(t, "needs OAuth tokens of a real user")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	userID := "3f1c9a52-7d2e-4b8a-9c61-0e5f4d3b2a19"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config: sb.Config(userConfig("GOOGLE_DRIVE_OAUTH_MULTI", `
  selected_files = jsonencode({ "file-1" = { name = "a.pdf" } })
  refresh_token  = "refresh-one"
`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeCreate: 1, routeGet: 1, routeUserAdd: 1}),
					expectUser(sb, o, `{"file-1":{"name":"a.pdf"}}`, "refresh-one", ""),
					func(s *terraform.State) error {
						want := o + "/" + s.RootModule().Resources[addr].Primary.ID + "/" + userID
						return resource.TestCheckResourceAttr(userAddr, "id", want)(s)
					},
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// One PATCH; the GETs are the two refreshes (the user's reads its connector).
				PreConfig: sb.Reset,
				Config: sb.Config(userConfig("GOOGLE_DRIVE_OAUTH_MULTI", `
  selected_files = jsonencode({ "file-1" = { name = "a.pdf" }, "file-2" = { name = "b.pdf" } })
  refresh_token  = "refresh-one"
  access_token   = "access-one"
`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routeUserPatch: 1}),
					expectUser(sb, o, `{"file-1":{"name":"a.pdf"},"file-2":{"name":"b.pdf"}}`, "refresh-one", "access-one"),
				),
			},
			{
				// Reformatted JSON plans nothing.
				PreConfig: sb.Reset,
				Config: sb.Config(userConfig("GOOGLE_DRIVE_OAUTH_MULTI", `
  selected_files = "{\"file-2\": {\"name\": \"b.pdf\"},   \"file-1\": {\"name\": \"a.pdf\"}}"
  refresh_token  = "refresh-one"
  access_token   = "access-one"
`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            sb.ExpectRequests(map[string]int{routeGet: 2}),
			},
			{
				PreConfig:    sb.Reset,
				RefreshState: true,
				Check:        sb.ExpectRequests(map[string]int{routeGet: 2}),
			},
			{
				ResourceName:            userAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateIdFunc:       func(s *terraform.State) (string, error) { return key(s, o) + "/" + userID, nil },
				ImportStateVerifyIgnore: []string{"selected_files", "refresh_token", "access_token"},
			},
			{
				ResourceName:      userAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return s.RootModule().Resources[addr].Primary.ID + "/" + userID, nil
				},
				ImportStateVerifyIgnore: []string{"selected_files", "refresh_token", "access_token"},
			},
			{
				// The API cannot tell that the user was removed behind Terraform's back
				// (documented); a connector deleted out of band takes the user out of state.
				PreConfig: func() {
					for k := range sb.Objects("vectorize") {
						if strings.Contains(k, "/users/") {
							continue
						}
						if err := sb.Emulator("vectorize").Delete(k); err != nil {
							t.Fatal(err)
						}
					}
					sb.ResetCounts()
				},
				Config: sb.Config(userConfig("GOOGLE_DRIVE_OAUTH_MULTI", `
  selected_files = jsonencode({ "file-1" = { name = "a.pdf" } })
`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionCreate),
					},
				},
				Check: sb.ExpectRequests(map[string]int{routeGet: 3, routeCreate: 1, routeUserAdd: 1}),
			},
			{
				PreConfig: sb.Reset,
				Config:    sb.Config(""),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routeUserDelete: 1, routeDel: 1}),
					sb.ExpectObjects("vectorize"),
				),
			},
		},
	})
}

// TestAccSourceConnectorUser_notOAuthMulti: the API refuses users on other types.
func TestAccSourceConnectorUser_notOAuthMulti(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox error text")
	sb := acctest.StartSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: sb.Config(userConfig("FILE_UPLOAD", "")),
			ExpectError: acctest.ErrorMatching("Unable to add user 3f1c9a52-7d2e-4b8a-9c61-0e5f4d3b2a19 to source connector",
				"POST /vectorize/v1/org/", "/users: 400 Bad Request", "connector type FILE_UPLOAD does not support users"),
		}},
	})
}

// TestAccSourceConnectorUser_writeOnlyTokens: tokens never reach state or the
// plan, and bumping tokens_wo_version sends them in exactly one PATCH.
func TestAccSourceConnectorUser_writeOnlyTokens(t *testing.T) {
	acctest.RequireSandbox(t, "audits what the sandbox received")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	t.Setenv("TF_VAR_refresh", "")
	cfg := func(version int) string {
		return sb.Config(`
variable "refresh" {
  type      = string
  ephemeral = true
}
` + userConfig("NOTION_OAUTH_MULTI", fmt.Sprintf(`
  refresh_token_wo  = var.refresh
  tokens_wo_version = %d
`, version)))
	}
	set := func(v string) func() {
		return func() {
			sb.Reset()
			if err := os.Setenv("TF_VAR_refresh", v); err != nil {
				t.Fatal(err)
			}
		}
	}
	tokens := []string{"wo-refresh-aa11", "wo-refresh-bb22"}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				PreConfig:         set(tokens[0]),
				Config:            cfg(1),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{planLacks(tokens)}},
				ConfigStateChecks: []statecheck.StateCheck{stateLacks(tokens)},
				Check:             expectUser(sb, o, `{}`, tokens[0], ""),
			},
			{
				PreConfig:        set(tokens[1]),
				Config:           cfg(1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            expectUser(sb, o, `{}`, tokens[0], ""),
			},
			{
				PreConfig:         set(tokens[1]),
				Config:            cfg(2),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{planLacks(tokens)}},
				ConfigStateChecks: []statecheck.StateCheck{stateLacks(tokens)},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routeUserPatch: 1}),
					expectUser(sb, o, `{}`, tokens[1], ""),
				),
			},
		},
	})
}

// TestAccSourceConnectorUser_updateWithoutSelection: the update body leaves
// out an unset selected_files (UpdateUserInSourceConnectorRequest requires
// only userId), so the selection made at create time is kept rather than
// replaced by `{}`.
func TestAccSourceConnectorUser_updateWithoutSelection(t *testing.T) {
	acctest.RequireSandbox(t, "needs OAuth tokens of a real user")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config: sb.Config(userConfig("NOTION_OAUTH_MULTI", `
  selected_files = jsonencode({ pageIds = ["p-1"] })
  access_token   = "access-one"
`)),
				Check: expectUser(sb, o, `{"pageIds":["p-1"]}`, "", "access-one"),
			},
			{
				PreConfig: sb.Reset,
				Config: sb.Config(userConfig("NOTION_OAUTH_MULTI", `
  access_token = "access-two"
`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routeUserPatch: 1}),
					expectUser(sb, o, `{"pageIds":["p-1"]}`, "", "access-two"),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
