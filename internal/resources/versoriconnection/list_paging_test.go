package versoriconnection_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// TestAccVersoriConnectionList_paging: 230 connections are three pages of
// 100; the list follows `next` through every page, and stops at the limit
// Terraform passes (100 when the block sets none; 0 asks for nothing)
// without asking for the next page.
func TestAccVersoriConnectionList_paging(t *testing.T) {
	sb := sandboxOnly(t)
	org := sb.Creds.VersoriOrg
	ids := addConnections(t, sb, org, 230)
	query := func(blocks string) resource.TestStep {
		return resource.TestStep{PreConfig: sb.Reset, Query: true, Config: blocks}
	}
	every := query(listBlock("all", "", "  limit = 1000"))
	every.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_versori_connection.all", 230),
		querycheck.ExpectIdentity("conduit_versori_connection.all", pair(org, ids[0])),
		querycheck.ExpectIdentity("conduit_versori_connection.all", pair(org, ids[229])),
		sb.ExpectQueryRequests(map[string]int{routeList: 3}),
	}
	defaultLimit := query(listBlock("all", "", ""))
	defaultLimit.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_versori_connection.all", 100),
		sb.ExpectQueryRequests(map[string]int{routeList: 1}),
	}
	limited := query(listBlock("all", "", "  limit = 150"))
	limited.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_versori_connection.all", 150),
		sb.ExpectQueryRequests(map[string]int{routeList: 2}),
	}
	zero := query(listBlock("all", "", "  limit = 0"))
	zero.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_versori_connection.all", 0),
		sb.ExpectQueryRequests(map[string]int{}),
	}
	// Every third is a bigquery one: 77 of them, one page (the server filters).
	filtered := query(listBlock("bigquery", `    protocol = "bigquery"`, "  limit = 1000"))
	filtered.QueryResultChecks = []querycheck.QueryResultCheck{
		querycheck.ExpectLength("conduit_versori_connection.bigquery", 77),
		querycheck.ExpectIdentity("conduit_versori_connection.bigquery", pair(org, ids[228])),
		querycheck.ExpectNoIdentity("conduit_versori_connection.bigquery", pair(org, ids[229])),
		sb.ExpectQueryRequests(map[string]int{routeList: 1}),
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    []resource.TestStep{{Config: sb.Config("")}, every, defaultLimit, limited, zero, filtered},
	})
}

// TestAccVersoriConnectionList_empty: an organisation without connections,
// and a protocol nothing has, find nothing, with one request each.
func TestAccVersoriConnectionList_empty(t *testing.T) {
	sb := sandboxOnly(t)
	other := "01JDEMPTY0RG0000000000000A"
	sb.Versori().AddOrganisation(other)
	addConnections(t, sb, sb.Creds.VersoriOrg, 2)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sb.Config("")},
			{
				PreConfig: sb.Reset,
				Query:     true,
				Config: listBlock("none", fmt.Sprintf("    organisation_id = %q", other), "") +
					listBlock("no_http", fmt.Sprintf("    organisation_id = %q\n    protocol = \"http\"", other), ""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("conduit_versori_connection.none", 0),
					querycheck.ExpectLength("conduit_versori_connection.no_http", 0),
					sb.ExpectQueryRequests(map[string]int{routeList: 2}),
				},
			},
		},
	})
}

// TestAccVersoriConnectionList_badInput: a list block the provider cannot
// use fails naming the attribute and its rule, with no request.
func TestAccVersoriConnectionList_badInput(t *testing.T) {
	sb := sandboxOnly(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sb.Config("")},
			{
				Query:       true,
				Config:      listBlock("bad", `    organisation_id = "acme"`, ""),
				ExpectError: acctest.ErrorMatching("organisation_id must be a ULID", "26 characters of Crockford base32", `Got "acme"`),
			},
			{
				Query:       true,
				Config:      listBlock("bad", `    protocol = "soap"`, ""),
				ExpectError: acctest.ErrorMatching("protocol", `value must be one of: ["http" "bigquery"], got: "soap"`),
			},
		},
	})
	if len(sb.Counts()) != 0 {
		t.Fatalf("a bad list block reached the API: %v", sb.Counts())
	}
}

// TestAccVersoriConnectionList_noOrganisation: without organisation_id in
// the block or the provider, the query fails naming both, with no request.
func TestAccVersoriConnectionList_noOrganisation(t *testing.T) {
	sb := sandboxOnly(t)
	t.Setenv("VERSORI_ORGANISATION_ID", "")
	provider := strings.Replace(sb.ProviderConfig(), fmt.Sprintf("organisation_id = %q", sb.Creds.VersoriOrg), "", 1)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: provider},
			{
				Query:  true,
				Config: listBlock("all", "", ""),
				ExpectError: acctest.ErrorMatching("Missing organisation_id",
					"Set organisation_id on the list block, or a default with the provider's versori.organisation_id (environment variable VERSORI_ORGANISATION_ID)"),
			},
		},
	})
	if len(sb.Counts()) != 0 {
		t.Fatalf("the query reached the API: %v", sb.Counts())
	}
}

func TestAccVersoriConnectionList_unconfiguredService(t *testing.T) {
	acctest.RequireSandbox(t, "needs a provider without Versori settings")
	for _, e := range []string{"VERSORI_API_KEY", "VERSORI_ENDPOINT", "VERSORI_ORGANISATION_ID"} {
		t.Setenv(e, "")
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: `provider "conduit" {}`},
			{
				Query:       true,
				Config:      listBlock("all", `    organisation_id = "01JDQ3Z5X8W2N4V6T8R0P2M4K6"`, ""),
				ExpectError: acctest.ErrorMatching("The versori service is not configured", `provider's "versori" block`, "VERSORI_API_KEY"),
			},
		},
	})
}

// TestAccVersoriConnectionList_apiError: an API error ends the query with
// the method, path, status and Versori's message, after one request.
func TestAccVersoriConnectionList_apiError(t *testing.T) {
	sb := sandboxOnly(t)
	const gone = "01JDG0NE000000000000000000"
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: sb.Config("")},
			{
				PreConfig: sb.Reset,
				Query:     true,
				Config:    listBlock("gone", fmt.Sprintf("    organisation_id = %q", gone), ""),
				ExpectError: acctest.ErrorMatching("Unable to list connections of organisation "+gone,
					"GET /api/connect/v1alpha1/o/"+gone+"/connections: 404 Not Found"),
			},
		},
	})
	if err := sb.ExpectRequests(map[string]int{routeList: 1})(nil); err != nil {
		t.Fatal(err)
	}
}
