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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// listBlock is a list block over org's pairs; extra goes into its config.
func listBlock(name, org, extra, options string) string {
	return acctest.ListBlock("conduit_org_connection", name, fmt.Sprintf("    organization_id = %q\n%s", org, extra), options)
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
	acctest.QueryTest(t,
		resource.TestStep{Config: cfg},
		sb.QueryStep(listBlock("all", org, "", "")+
			listBlock("enabled", org, "is_enabled = true", "")+
			listBlock("disabled", org, "is_enabled = false", ""),
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
		),
	)
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
	acctest.QueryTest(t,
		resource.TestStep{Config: cfg},
		read.CaptureStep(cfg),
		sb.QueryStep(listBlock("all", org, "", "  include_resource = true\n  limit            = 1000"), checks...),
	)
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
	ids := addPairs(t, sb, org, acctest.PagingObjects)
	acctest.Paging{
		List:      "conduit_org_connection.all",
		Block:     func(options string) string { return listBlock("all", org, "", options) },
		ListRoute: routeList,
		First:     pair(org, ids[0]),
		Last:      pair(org, ids[len(ids)-1]),
	}.Run(t, sb,
		// A third of them are disabled (the server filters, every page).
		sb.QueryStep(listBlock("enabled", org, "is_enabled = true", "  limit = 1000"),
			querycheck.ExpectLength("conduit_org_connection.enabled", 153),
			querycheck.ExpectNoIdentity("conduit_org_connection.enabled", pair(org, ids[0])),
			sb.ExpectQueryRequests(map[string]int{routeList: 2})),
	)
}

// TestAccOrgConnectionList_empty: an organization without connections, and
// a filter nothing matches, find nothing, with one request each.
func TestAccOrgConnectionList_empty(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	acctest.QueryTest(t,
		resource.TestStep{Config: sb.Config(config(sbauth0.OrgGlobex, sbauth0.ConGitHub, ""))},
		sb.QueryStep(listBlock("none", sbauth0.OrgAcme, "", "")+
			listBlock("none_disabled", sbauth0.OrgGlobex, "is_enabled = false", ""),
			querycheck.ExpectLength("conduit_org_connection.none", 0),
			querycheck.ExpectLength("conduit_org_connection.none_disabled", 0),
			sb.ExpectQueryRequests(map[string]int{routeList: 2})),
	)
}

// TestAccOrgConnectionList_badInput: a list block the provider cannot use
// fails naming the attribute or the missing service, with no request.
func TestAccOrgConnectionList_badInput(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	acctest.Refusals{
		Setup: sb.Config(""),
		Cases: []acctest.Refusal{
			{
				Config: listBlock("bad", "", "", ""),
				Error: acctest.ErrorMatching("Invalid organization_id",
					"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it is empty."),
			},
			{
				Config: listBlock("bad", strings.Repeat("o", 51), "", ""),
				Error: acctest.ErrorMatching("Invalid organization_id",
					"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it has 51."),
			},
			{
				Config: listBlock("bad", sbauth0.OrgAcme, `is_enabled = "sometimes"`, ""),
				Error:  acctest.ErrorMatching("Incorrect attribute value type", "is_enabled"),
			},
		},
	}.RunQueries(t, sb)
}

func TestAccOrgConnectionList_unconfiguredService(t *testing.T) {
	acctest.RefuseQueryWithoutService(t, &auth0.Service, listBlock("all", sbauth0.OrgAcme, "", ""))
}

// TestAccOrgConnectionList_apiError: an API error ends the query with the
// method, path, status and Auth0's message, after one request.
func TestAccOrgConnectionList_apiError(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	acctest.Refusals{
		Setup: sb.Config(""),
		Cases: []acctest.Refusal{{
			Config: listBlock("gone", "org_gone000000000001", "", ""),
			Error: acctest.ErrorMatching("Unable to list connections of organization org_gone000000000001",
				"GET /api/v2/organizations/org_gone000000000001/connections: 404 Not Found: No organization found by that id or name"),
		}},
		Requests: map[string]int{routeList: 1},
	}.RunQueries(t, sb)
}
