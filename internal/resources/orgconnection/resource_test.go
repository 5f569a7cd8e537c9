package orgconnection_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

const (
	addr       = "conduit_org_connection.test"
	routeList  = "GET /api/v2/organizations/{id}/connections"
	routeAdd   = "POST /api/v2/organizations/{id}/connections"
	routeGet   = "GET /api/v2/organizations/{id}/connections/{connection_id}"
	routePatch = "PATCH /api/v2/organizations/{id}/connections/{connection_id}"
	routeDel   = "DELETE /api/v2/organizations/{id}/connections/{connection_id}"
)

// ids are the sandbox fixtures, or a real tenant's organization and database
// connection when CONDUIT_ACC_LIVE=1.
func ids() (org, con string) {
	if acctest.Live() {
		return acctest.Env("CONDUIT_ACC_AUTH0_ORG"), acctest.Env("CONDUIT_ACC_AUTH0_CONNECTION")
	}
	return sbauth0.OrgAcme, sbauth0.ConDatabase
}

func config(org, con, attrs string) string {
	return fmt.Sprintf(`
resource "conduit_org_connection" "test" {
  organization_id = %q
  connection_id   = %q
%s
}
`, org, con, attrs)
}

func str(v string) knownvalue.Check { return knownvalue.StringExact(v) }

// signupRule is the sentence every message about the signup rule carries.
const signupRule = "Auth0 allows organization signup (is_signup_enabled = true) only on a connection whose users " +
	"are made members when they log in (assign_membership_on_login = true)."

func TestAccOrgConnection_lifecycle(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	org, con := ids()
	key := org + "/" + con

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config: sb.Config(config(org, con, `
  organization_connection_name = "Acme staff"
  assign_membership_on_login   = true
  is_signup_enabled            = true
`)),
				Check: sb.ExpectRequests(map[string]int{routeAdd: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(org+":"+con)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_connection_name"), str("Acme staff")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("assign_membership_on_login"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_signup_enabled"), knownvalue.Bool(true)),
					// Server defaults, read from the POST answer.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("show_as_button"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_access_level"), str("none")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy"), knownvalue.NotNull()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// In-place update: one PATCH; the GET is the plan's refresh.
				PreConfig: sb.Reset,
				Config: sb.Config(config(org, con, `
  organization_connection_name = "Acme employees"
  assign_membership_on_login   = true
  is_signup_enabled            = true
  organization_access_level    = "readonly"
  show_as_button               = false
`)),
				Check: sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_connection_name"), str("Acme employees")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_access_level"), str("readonly")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("show_as_button"), knownvalue.Bool(false)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Removing the name clears it on the server (PATCH with null).
				PreConfig: sb.Reset,
				Config: sb.Config(config(org, con, `
  assign_membership_on_login = true
  is_signup_enabled          = true
  organization_access_level  = "readonly"
  show_as_button             = false
`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 1}),
					expectSandboxField(sb, key, "organization_connection_name", nil),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_connection_name"), knownvalue.Null()),
				},
			},
			{
				// Read = 1 request.
				PreConfig:    sb.Reset,
				RefreshState: true,
				Check:        sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     org + ":" + con,
			},
			{
				// The official auth0 provider's id form.
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     org + "::" + con,
			},
			{
				// Delete = 1 request, and the sandbox holds nothing afterwards.
				PreConfig: sb.Reset,
				Config:    sb.Config(""),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routeDel: 1}),
					sb.ExpectObjects("auth0"),
				),
			},
		},
	})
}

// expectSandboxField checks one field of the stored object; want nil means absent.
func expectSandboxField(sb *acctest.Sandbox, key, field string, want any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if sb == nil {
			return nil
		}
		raw, ok := sb.Objects("auth0")[key]
		if !ok {
			return fmt.Errorf("sandbox has no object %s", key)
		}
		var obj map[string]any
		if err := json.Unmarshal(raw, &obj); err != nil {
			return err
		}
		got, present := obj[field]
		if want == nil && present {
			return fmt.Errorf("%s: want %s absent, got %v", key, field, got)
		}
		if want != nil && got != want {
			return fmt.Errorf("%s: want %s = %v, got %v", key, field, want, got)
		}
		return nil
	}
}

func TestAccOrgConnection_drift(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band edits need the sandbox control API")
	sb := acctest.StartSandbox(t)
	org, con := sbauth0.OrgGlobex, sbauth0.ConGoogle
	key := org + "/" + con
	cfg := sb.Config(config(org, con, `
  organization_access_level = "limited"
  is_enabled                = true
`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// An edit made outside Terraform shows up as an in-place update.
				PreConfig: func() {
					if err := sb.Emulator("auth0").Edit(key, json.RawMessage(`{"organization_access_level":"full","is_enabled":false}`)); err != nil {
						t.Fatal(err)
					}
				},
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("organization_access_level"), str("limited")),
					},
				},
				Check: expectSandboxField(sb, key, "organization_access_level", "limited"),
			},
			{
				// Deleted outside Terraform: removed from state and created again.
				PreConfig: func() {
					if err := sb.Emulator("auth0").Delete(key); err != nil {
						t.Fatal(err)
					}
					sb.ResetCounts()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routeAdd: 1}),
					sb.ExpectObjects("auth0", key),
				),
			},
		},
	})
}

func TestAccOrgConnection_invalidInput(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	org, con := ids()
	cases := []struct {
		name, attrs, org, con string
		want                  *regexp.Regexp
	}{
		{"organization_id too long", "", strings.Repeat("o", 51), con,
			acctest.ErrorMatching("Invalid organization_id", "organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it has 51.")},
		{"organization_id empty", "", "", con,
			acctest.ErrorMatching("Invalid organization_id", "organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it is empty.")},
		{"connection_id too long", "", org, strings.Repeat("ç", 51), // characters, not bytes
			acctest.ErrorMatching("Invalid connection_id", "connection_id must be an Auth0 connection id (con_…) of 1 to 50 characters; it has 51.")},
		{"connection_id empty", "", org, "",
			acctest.ErrorMatching("Invalid connection_id", "connection_id must be an Auth0 connection id (con_…) of 1 to 50 characters; it is empty.")},
		{"name too long", `organization_connection_name = "` + strings.Repeat("n", 51) + `"`, org, con,
			acctest.ErrorMatching("Invalid organization_connection_name", "organization_connection_name must be a name of 1 to 50 characters; it has 51.")},
		{"name empty", `organization_connection_name = ""`, org, con,
			acctest.ErrorMatching("Invalid organization_connection_name", "organization_connection_name must be a name of 1 to 50 characters; it is empty. "+
				"To give the connection no name in this organization, leave organization_connection_name out.")},
		{"name with NUL", `organization_connection_name = "a\u0000b"`, org, con,
			acctest.ErrorMatching("Invalid organization_connection_name", `organization_connection_name must not contain the NUL character (\u0000).`)},
		{"access level", `organization_access_level = "admin"`, org, con,
			acctest.ErrorMatching("Invalid organization_access_level", `organization_access_level must be one of "none", "readonly", "limited" or "full"; got "admin".`)},
		{"signup without membership", "is_signup_enabled = true\nassign_membership_on_login = false", org, con,
			acctest.ErrorMatching("Invalid is_signup_enabled", "is_signup_enabled can be true only when assign_membership_on_login is true; here assign_membership_on_login is false. "+
				signupRule+" Set assign_membership_on_login = true, or is_signup_enabled = false.")},
		{"signup with membership unset", "is_signup_enabled = true", org, con,
			acctest.ErrorMatching("Invalid is_signup_enabled", "is_signup_enabled can be true only when assign_membership_on_login is true; "+
				"here assign_membership_on_login is not set (Auth0's default is false). "+signupRule)},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      sb.Config(config(c.org, c.con, c.attrs)),
			PlanOnly:    true,
			ExpectError: c.want,
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
	if err := sb.ExpectNoMutations(); err != nil {
		t.Fatal(err)
	}
	if sb != nil && len(sb.Counts()) != 0 {
		t.Fatalf("invalid input reached the API: %v", sb.Counts())
	}
}

func TestAccOrgConnection_unconfiguredService(t *testing.T) {
	acctest.RequireSandbox(t, "needs a provider without Auth0 settings")
	for _, e := range []string{"AUTH0_DOMAIN", "AUTH0_API_TOKEN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_ENDPOINT", "AUTH0_AUDIENCE"} {
		t.Setenv(e, "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `provider "conduit" {}` + config(sbauth0.OrgAcme, sbauth0.ConDatabase, ""),
			PlanOnly:    true,
			ExpectError: acctest.ErrorMatching("The auth0 service is not configured", `provider's "auth0" block`, "AUTH0_DOMAIN with AUTH0_API_TOKEN"),
		}},
	})
}

func TestAccOrgConnection_apiErrors(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures")
	sb := acctest.StartSandbox(t)
	// The pair already exists outside Terraform: the error says how to import it.
	if _, err := sb.Auth0API(t).Add(context.Background(), sbauth0.OrgInitech, sbauth0.ConGitHub, auth0.Settings{}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      sb.Config(config(sbauth0.OrgAcme, "con_doesnotexist00001", "")),
				ExpectError: acctest.ErrorMatching("POST /api/v2/organizations/org_acme000000000001/connections: 404 Not Found: The connection does not exist (inexistent_connection)"),
			},
			{
				Config:      sb.Config(config(sbauth0.OrgInitech, sbauth0.ConGitHub, "")),
				ExpectError: acctest.ErrorMatching("409 Conflict", "terraform import <address> org_initech000000003:con_github0000000001"),
			},
		},
	})
}

func TestAccOrgConnections_dataSource(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox fixtures")
	sb := acctest.StartSandbox(t)
	cfg := sb.Config(fmt.Sprintf(`
resource "conduit_org_connection" "db" {
  organization_id = %[1]q
  connection_id   = %[2]q
}
resource "conduit_org_connection" "okta" {
  organization_id = %[1]q
  connection_id   = %[3]q
  is_enabled      = false
}
data "conduit_org_connections" "all" {
  organization_id = %[1]q
  depends_on      = [conduit_org_connection.db, conduit_org_connection.okta]
}
data "conduit_org_connections" "enabled" {
  organization_id = %[1]q
  is_enabled      = true
  depends_on      = [conduit_org_connection.db, conduit_org_connection.okta]
}
`, sbauth0.OrgAcme, sbauth0.ConDatabase, sbauth0.ConOkta))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.conduit_org_connections.all", tfjsonpath.New("connections"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.conduit_org_connections.enabled", tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"connection_id": str(sbauth0.ConDatabase),
						"name":          str("Username-Password-Authentication"),
						"strategy":      str("auth0"),
					}),
				})),
				// Enterprise strategies have no is_signup_enabled.
				statecheck.ExpectKnownValue("data.conduit_org_connections.all", tfjsonpath.New("connections").AtSliceIndex(1).AtMapKey("is_signup_enabled"), knownvalue.Null()),
			},
		}},
	})
}
