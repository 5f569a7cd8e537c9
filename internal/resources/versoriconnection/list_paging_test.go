package versoriconnection_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// TestAccVersoriConnectionList_paging: 230 connections are three pages of
// 100; the list follows `next` through every page, and stops at the limit
// Terraform passes (100 when the block sets none; 0 asks for nothing)
// without asking for the next page.
func TestAccVersoriConnectionList_paging(t *testing.T) {
	sb := sandboxOnly(t)
	org := sb.Creds.VersoriOrg
	ids := addConnections(t, sb, org, acctest.PagingObjects)
	acctest.Paging{
		List:      "conduit_versori_connection.all",
		Block:     func(options string) string { return listBlock("all", "", options) },
		ListRoute: routeList,
		First:     pair(org, ids[0]),
		Last:      pair(org, ids[len(ids)-1]),
	}.Run(t, sb,
		// Every third is a bigquery one: 77 of them, one page (the server filters).
		sb.QueryStep(listBlock("bigquery", `    protocol = "bigquery"`, "  limit = 1000"),
			querycheck.ExpectLength("conduit_versori_connection.bigquery", 77),
			querycheck.ExpectIdentity("conduit_versori_connection.bigquery", pair(org, ids[228])),
			querycheck.ExpectNoIdentity("conduit_versori_connection.bigquery", pair(org, ids[229])),
			sb.ExpectQueryRequests(map[string]int{routeList: 1})),
	)
}

// TestAccVersoriConnectionList_empty: an organisation without connections,
// and a protocol nothing has, find nothing, with one request each.
func TestAccVersoriConnectionList_empty(t *testing.T) {
	sb := sandboxOnly(t)
	other := "01JDEMPTY0RG0000000000000A"
	sb.Versori().AddOrganisation(other)
	addConnections(t, sb, sb.Creds.VersoriOrg, 2)
	acctest.QueryTest(t,
		resource.TestStep{Config: sb.Config("")},
		sb.QueryStep(listBlock("none", fmt.Sprintf("    organisation_id = %q", other), "")+
			listBlock("no_http", fmt.Sprintf("    organisation_id = %q\n    protocol = \"http\"", other), ""),
			querycheck.ExpectLength("conduit_versori_connection.none", 0),
			querycheck.ExpectLength("conduit_versori_connection.no_http", 0),
			sb.ExpectQueryRequests(map[string]int{routeList: 2})),
	)
}

// TestAccVersoriConnectionList_badInput: a list block the provider cannot
// use fails naming the attribute and its rule, with no request.
func TestAccVersoriConnectionList_badInput(t *testing.T) {
	sb := sandboxOnly(t)
	acctest.Refusals{
		Setup: sb.Config(""),
		Cases: []acctest.Refusal{
			{
				Config: listBlock("bad", `    organisation_id = "acme"`, ""),
				Error:  acctest.ErrorMatching("organisation_id must be a ULID", "26 characters of Crockford base32", `Got "acme"`),
			},
			{
				Config: listBlock("bad", `    protocol = "soap"`, ""),
				Error:  acctest.ErrorMatching("protocol", `value must be one of: ["http" "bigquery"], got: "soap"`),
			},
		},
	}.RunQueries(t, sb)
}

// TestAccVersoriConnectionList_noOrganisation: without organisation_id in
// the block or the provider, the query fails naming both, with no request.
func TestAccVersoriConnectionList_noOrganisation(t *testing.T) {
	sb := sandboxOnly(t)
	acctest.RefuseQueryWithoutScope(t, sb, &versori.Service, listBlock("all", "", ""), acctest.ErrorMatching("Missing organisation_id",
		"Set organisation_id on the list block, or a default with the provider's versori.organisation_id (environment variable VERSORI_ORGANISATION_ID)"))
}

func TestAccVersoriConnectionList_unconfiguredService(t *testing.T) {
	acctest.RefuseQueryWithoutService(t, &versori.Service, listBlock("all", `    organisation_id = "01JDQ3Z5X8W2N4V6T8R0P2M4K6"`, ""), "VERSORI_API_KEY")
}

// TestAccVersoriConnectionList_apiError: an API error ends the query with
// the method, path, status and Versori's message, after one request.
func TestAccVersoriConnectionList_apiError(t *testing.T) {
	sb := sandboxOnly(t)
	const gone = "01JDG0NE000000000000000000"
	acctest.Refusals{
		Setup: sb.Config(""),
		Cases: []acctest.Refusal{{
			Config: listBlock("gone", fmt.Sprintf("    organisation_id = %q", gone), ""),
			Error: acctest.ErrorMatching("Unable to list connections of organisation "+gone,
				"GET /api/connect/v1alpha1/o/"+gone+"/connections: 404 Not Found"),
		}},
		Requests: map[string]int{routeList: 1},
	}.RunQueries(t, sb)
}
