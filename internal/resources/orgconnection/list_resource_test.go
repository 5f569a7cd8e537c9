package orgconnection_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// listBlock is a list block of a query file; extra goes into its config.
// Query steps hold list blocks only: terraform-plugin-testing keeps the
// previous Config step's .tf, provider block included, beside the query
// file, so a provider block in the query is a duplicate.
func listBlock(name, org, extra, options string) string {
	return fmt.Sprintf(`
list "conduit_org_connection" %q {
  provider = conduit
%s
  config {
    organization_id = %q
%s
  }
}
`, name, options, org, extra)
}

func pair(org, con string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"organization_id": str(org), "connection_id": str(con)}
}

// TestAccOrgConnectionList_filters: every pair of the organization, or those
// with the is_enabled asked for, one list request per list block, each
// result with its identity and display name.
func TestAccOrgConnectionList_filters(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	org := sbauth0.OrgAcme
	cfg := sb.Config(fmt.Sprintf(`
resource "conduit_org_connection" "db" {
  organization_id              = %[1]q
  connection_id                = %[2]q
  organization_connection_name = "Acme staff"
}
resource "conduit_org_connection" "okta" {
  organization_id = %[1]q
  connection_id   = %[3]q
  is_enabled      = false
}
resource "conduit_org_connection" "google" {
  organization_id = %[1]q
  connection_id   = %[4]q
}
`, org, sbauth0.ConDatabase, sbauth0.ConOkta, sbauth0.ConGoogle))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: sb.Reset,
				Query:     true,
				Config: listBlock("all", org, "", "") +
					listBlock("enabled", org, "is_enabled = true", "") +
					listBlock("disabled", org, "is_enabled = false", ""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("conduit_org_connection.all", 3),
					querycheck.ExpectIdentity("conduit_org_connection.all", pair(org, sbauth0.ConDatabase)),
					querycheck.ExpectIdentity("conduit_org_connection.all", pair(org, sbauth0.ConOkta)),
					querycheck.ExpectIdentity("conduit_org_connection.all", pair(org, sbauth0.ConGoogle)),
					// The pair's own name, else the connection's.
					acctest.ExpectDisplayNames("conduit_org_connection.all", "Acme staff", "acme-okta", "google-oauth2"),
					querycheck.ExpectLength("conduit_org_connection.enabled", 2),
					acctest.ExpectDisplayNames("conduit_org_connection.enabled", "Acme staff", "google-oauth2"),
					querycheck.ExpectLength("conduit_org_connection.disabled", 1),
					querycheck.ExpectIdentity("conduit_org_connection.disabled", pair(org, sbauth0.ConOkta)),
					// A tenant connection not enabled on the organization is not found.
					querycheck.ExpectNoIdentity("conduit_org_connection.all", pair(org, sbauth0.ConGitHub)),
					sb.ExpectQueryRequests(map[string]int{routeList: 3}),
				},
			},
		},
	})
}

// TestAccOrgConnectionList_includeResource: with include_resource, the
// listed object is the state a read of the same pair gives. Live, the
// organization may have other connections enabled: only the pair the test
// made is compared, and the count is the sandbox's.
func TestAccOrgConnectionList_includeResource(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	org, con := ids()
	read := &acctest.Snapshot{Address: addr}
	cfg := sb.Config(config(org, con, `
  organization_connection_name = "Initech staff"
  assign_membership_on_login   = true
  is_signup_enabled            = true
  organization_access_level    = "full"
`))
	checks := []querycheck.QueryResultCheck{
		read.ExpectListedAsState("conduit_org_connection.all", pair(org, con)),
		querycheck.ExpectResourceKnownValues("conduit_org_connection.all",
			queryfilter.ByResourceIdentity(pair(org, con)), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("organization_connection_name"), KnownValue: str("Initech staff")},
				{Path: tfjsonpath.New("strategy"), KnownValue: str("auth0")},
			}),
		sb.ExpectQueryRequests(map[string]int{routeList: 1}),
	}
	if sb != nil {
		checks = append(checks, querycheck.ExpectLength("conduit_org_connection.all", 1))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// A refresh, then the state as Read left it.
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{read.Capture()},
			},
			{
				PreConfig:         sb.Reset,
				Query:             true,
				Config:            listBlock("all", org, "", "  include_resource = true\n  limit            = 1000"),
				QueryResultChecks: checks,
			},
		},
	})
}

// addPairs enables n new tenant connections on org out of band (the tenant
// fixture has six), then zeroes the request counts.
func addPairs(t *testing.T, sb *acctest.Sandbox, org string, n int) []string {
	t.Helper()
	api := sb.Auth0API(t)
	ids := make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf("con_bulk%012d", i)
		sb.Auth0().AddConnection(ids[i], fmt.Sprintf("bulk-%03d", i), "auth0")
		enabled := i%3 != 0
		if _, err := api.Add(context.Background(), org, ids[i], auth0.Settings{IsEnabled: &enabled}); err != nil {
			t.Fatal(err)
		}
	}
	sb.ResetCounts()
	return ids
}

// TestAccOrgConnectionList_paging: 230 pairs are three pages of 100; the
// list reads every page, and stops at the limit Terraform passes (100 when
// the block sets none; 0 asks for nothing) without asking for the next page.
func TestAccOrgConnectionList_paging(t *testing.T) {
	acctest.RequireSandbox(t, "230 objects and request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	org := sbauth0.OrgGlobex
	ids := addPairs(t, sb, org, 230)
	query := func(blocks string) resource.TestStep {
		return resource.TestStep{PreConfig: sb.Reset, Query: true, Config: blocks}
	}
	every := query(listBlock("all", org, "", "  limit = 1000"))
	every.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_org_connection.all", 230),
		querycheck.ExpectIdentity("conduit_org_connection.all", pair(org, ids[0])),
		querycheck.ExpectIdentity("conduit_org_connection.all", pair(org, ids[229])),
		sb.ExpectQueryRequests(map[string]int{routeList: 3}),
	}
	defaultLimit := query(listBlock("all", org, "", ""))
	defaultLimit.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_org_connection.all", 100),
		sb.ExpectQueryRequests(map[string]int{routeList: 1}),
	}
	limited := query(listBlock("all", org, "", "  limit = 150"))
	limited.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_org_connection.all", 150),
		sb.ExpectQueryRequests(map[string]int{routeList: 2}),
	}
	zero := query(listBlock("all", org, "", "  limit = 0"))
	zero.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_org_connection.all", 0),
		sb.ExpectQueryRequests(map[string]int{}),
	}
	// A third of them are disabled (the server filters, every page).
	filtered := query(listBlock("enabled", org, "is_enabled = true", "  limit = 1000"))
	filtered.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_org_connection.enabled", 153),
		querycheck.ExpectNoIdentity("conduit_org_connection.enabled", pair(org, ids[0])),
		sb.ExpectQueryRequests(map[string]int{routeList: 2}),
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    []resource.TestStep{{Config: sb.Config("")}, every, defaultLimit, limited, zero, filtered},
	})
}

// TestAccOrgConnectionList_empty: an organization without connections, and
// a filter nothing matches, find nothing, with one request each.
func TestAccOrgConnectionList_empty(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sb.Config(config(sbauth0.OrgGlobex, sbauth0.ConGitHub, ""))},
			{
				PreConfig: sb.Reset,
				Query:     true,
				Config: listBlock("none", sbauth0.OrgAcme, "", "") +
					listBlock("none_disabled", sbauth0.OrgGlobex, "is_enabled = false", ""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("conduit_org_connection.none", 0),
					querycheck.ExpectLength("conduit_org_connection.none_disabled", 0),
					sb.ExpectQueryRequests(map[string]int{routeList: 2}),
				},
			},
		},
	})
}

// TestAccOrgConnectionList_badInput: a list block the provider cannot use
// fails naming the attribute or the missing service, with no request.
func TestAccOrgConnectionList_badInput(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sb.Config("")},
			{
				Query:  true,
				Config: listBlock("bad", "", "", ""),
				ExpectError: acctest.ErrorMatching("Invalid organization_id",
					"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it is empty."),
			},
			{
				Query:  true,
				Config: listBlock("bad", strings.Repeat("o", 51), "", ""),
				ExpectError: acctest.ErrorMatching("Invalid organization_id",
					"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it has 51."),
			},
			{
				Query:       true,
				Config:      listBlock("bad", sbauth0.OrgAcme, `is_enabled = "sometimes"`, ""),
				ExpectError: acctest.ErrorMatching("Incorrect attribute value type", "is_enabled"),
			},
		},
	})
	if sb != nil && len(sb.Counts()) != 0 {
		t.Fatalf("a bad list block reached the API: %v", sb.Counts())
	}
}

func TestAccOrgConnectionList_unconfiguredService(t *testing.T) {
	acctest.RequireSandbox(t, "needs a provider without Auth0 settings")
	for _, e := range []string{"AUTH0_DOMAIN", "AUTH0_API_TOKEN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_ENDPOINT", "AUTH0_AUDIENCE"} {
		t.Setenv(e, "")
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: `provider "conduit" {}`},
			{
				Query:       true,
				Config:      listBlock("all", sbauth0.OrgAcme, "", ""),
				ExpectError: acctest.ErrorMatching("The auth0 service is not configured", `provider's "auth0" block`),
			},
		},
	})
}

// TestAccOrgConnectionList_apiError: an API error ends the query with the
// method, path, status and Auth0's message, after one request.
func TestAccOrgConnectionList_apiError(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sb.Config("")},
			{
				PreConfig: sb.Reset,
				Query:     true,
				Config:    listBlock("gone", "org_gone000000000001", "", ""),
				ExpectError: acctest.ErrorMatching("Unable to list connections of organization org_gone000000000001",
					"GET /api/v2/organizations/org_gone000000000001/connections: 404 Not Found: No organization found by that id or name"),
			},
		},
	})
	if err := sb.ExpectRequests(map[string]int{routeList: 1})(nil); err != nil {
		t.Fatal(err)
	}
}
