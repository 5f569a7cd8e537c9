package vectorizeconnector_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

const listType = "conduit_vectorize_source_connector"

func listBlock(name, config, options string) string {
	return acctest.ListBlock(listType, name, config, options)
}

// connectors creates the given connectors out of band, as made outside
// Terraform, and returns their ids in order; then zeroes the counts.
func connectors(t *testing.T, sb *acctest.Sandbox, reqs ...vectorize.CreateRequest) []string {
	t.Helper()
	api := sb.VectorizeAPI(t)
	ids := make([]string, len(reqs))
	for i, r := range reqs {
		ref, err := api.Create(context.Background(), org(sb), "", r)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = ref.ID
	}
	sb.ResetCounts()
	return ids
}

func crawlerReq(name string) vectorize.CreateRequest {
	return vectorize.CreateRequest{Name: name, Type: "WEB_CRAWLER", Config: map[string]any{"seed-urls": []string{"https://example.com/" + name}}}
}

func s3Req(name string) vectorize.CreateRequest {
	return vectorize.CreateRequest{Name: name, Type: "AWS_S3", Config: map[string]any{
		"bucket-name": name, "region": "eu-west-1", "archiver": false,
		"access-key": "AKIASANDBOXEXAMPLE01", "secret-key": "s3-secret-value-do-not-log",
	}}
}

func uploadReq(name string) vectorize.CreateRequest {
	return vectorize.CreateRequest{Name: name, Type: "FILE_UPLOAD"}
}

// TestAccSourceConnectorList_filters: every connector of the organization
// (the provider's, when the block names none), or those of one type, one
// list request per list block, each result with its identity and name.
func TestAccSourceConnectorList_filters(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	ids := connectors(t, sb, crawlerReq("docs"), s3Req("archive"), uploadReq("uploads"), crawlerReq("blog"))
	orgLine := fmt.Sprintf("    organization_id = %q", o)
	acctest.QueryTest(t,
		resource.TestStep{Config: sb.Config("")},
		sb.QueryStep(listBlock("all", orgLine, "")+
			listBlock("default_org", "", "")+
			listBlock("crawlers", `    type = "WEB_CRAWLER"`, "")+
			listBlock("s3", orgLine+"\n    type = \"AWS_S3\"", ""),
			querycheck.ExpectLength(listType+".all", 4),
			querycheck.ExpectIdentity(listType+".all", connectorIdentity(o, ids[0])),
			querycheck.ExpectIdentity(listType+".all", connectorIdentity(o, ids[1])),
			querycheck.ExpectIdentity(listType+".all", connectorIdentity(o, ids[2])),
			querycheck.ExpectIdentity(listType+".all", connectorIdentity(o, ids[3])),
			acctest.ExpectDisplayNames(listType+".all", "docs", "archive", "uploads", "blog"),
			querycheck.ExpectLength(listType+".default_org", 4),
			acctest.ExpectDisplayNames(listType+".crawlers", "docs", "blog"),
			querycheck.ExpectNoIdentity(listType+".crawlers", connectorIdentity(o, ids[1])),
			acctest.ExpectDisplayNames(listType+".s3", "archive"),
			querycheck.ExpectIdentity(listType+".s3", connectorIdentity(o, ids[1])),
			sb.ExpectQueryRequests(map[string]int{routeList: 4}),
		),
	)
}

// TestAccSourceConnectorList_includeResource: with include_resource, the
// listed object is the state an import of the same connector gives (config
// whole from the API, server default included; secrets null), mapped by
// Read's own function.
func TestAccSourceConnectorList_includeResource(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	ids := connectors(t, sb, s3Req("archive"), crawlerReq("docs"))
	read := &acctest.Snapshot{Address: addr}
	imported := sb.Config(fmt.Sprintf(`
resource "conduit_vectorize_source_connector" "test" {
  name   = "archive"
  type   = "AWS_S3"
  config = jsonencode({ archiver = false, "bucket-name" = "archive", region = "eu-west-1" })
  secret_config_wo = jsonencode({
    "access-key" = "AKIASANDBOXEXAMPLE01"
    "secret-key" = "s3-secret-value-do-not-log"
  })
}
import {
  to       = %s
  identity = { id = %q }
}
`, addr, ids[0]))
	acctest.QueryTest(t,
		resource.TestStep{Config: imported},
		// A refresh after the import.
		read.CaptureStep(imported),
		sb.QueryStep(listBlock("all", "", "  include_resource = true"),
			querycheck.ExpectLength(listType+".all", 2),
			read.ExpectListedAsState(listType+".all", connectorIdentity(o, ids[0])),
			querycheck.ExpectResourceKnownValues(listType+".all",
				queryfilter.ByResourceIdentity(connectorIdentity(o, ids[0])), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("config"), KnownValue: str(`{"archiver":false,"bucket-name":"archive","region":"eu-west-1"}`)},
					{Path: tfjsonpath.New("secret_config"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("verification_status"), KnownValue: str("verified")},
				}),
			querycheck.ExpectResourceKnownValues(listType+".all",
				queryfilter.ByResourceIdentity(connectorIdentity(o, ids[1])), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("name"), KnownValue: str("docs")},
					{Path: tfjsonpath.New("config"), KnownValue: str(`{"seed-urls":["https://example.com/docs"]}`)},
				}),
			sb.ExpectQueryRequests(map[string]int{routeList: 1}),
		),
	)
}

// TestAccSourceConnectorList_paging: the list the API answers whole is
// read in one request, and Terraform's limit (100 when the block sets
// none) cuts it. With the emulator answering pages of 50 and a nextToken
// (spec 0.1.2's paging, a test hook), every page is read, and no page past
// the limit is asked for; 0 asks for nothing.
func TestAccSourceConnectorList_paging(t *testing.T) {
	acctest.RequireSandbox(t, "120 objects, paging and request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	var reqs []vectorize.CreateRequest
	for i := range 120 {
		if i%3 == 0 {
			reqs = append(reqs, crawlerReq(fmt.Sprintf("crawler-%03d", i)))
		} else {
			reqs = append(reqs, uploadReq(fmt.Sprintf("upload-%03d", i)))
		}
	}
	ids := connectors(t, sb, reqs...)
	paged := func(n int) func() {
		return func() { sb.Vectorize().PageList(n); sb.ResetCounts() }
	}
	query := func(pages int, block string, checks ...querycheck.QueryResultCheck) resource.TestStep {
		return resource.TestStep{PreConfig: paged(pages), Query: true, Config: block, QueryResultChecks: checks}
	}
	all := listType + ".all"
	acctest.QueryTest(t,
		resource.TestStep{Config: sb.Config("")},
		// One page, as the spec behind the official client answers.
		query(0, listBlock("all", "", "  limit = 1000"),
			querycheck.ExpectLength(all, 120),
			querycheck.ExpectIdentity(all, connectorIdentity(o, ids[119])),
			sb.ExpectQueryRequests(map[string]int{routeList: 1})),
		query(0, listBlock("all", "", ""),
			querycheck.ExpectLength(all, 100),
			sb.ExpectQueryRequests(map[string]int{routeList: 1})),
		// Pages of 50 with a nextToken.
		query(50, listBlock("all", "", "  limit = 1000"),
			querycheck.ExpectLength(all, 120),
			querycheck.ExpectIdentity(all, connectorIdentity(o, ids[0])),
			querycheck.ExpectIdentity(all, connectorIdentity(o, ids[119])),
			sb.ExpectQueryRequests(map[string]int{routeList: 3})),
		query(50, listBlock("all", "", ""),
			querycheck.ExpectLength(all, 100),
			sb.ExpectQueryRequests(map[string]int{routeList: 2})),
		query(50, listBlock("all", "", "  limit = 50"),
			querycheck.ExpectLength(all, 50),
			sb.ExpectQueryRequests(map[string]int{routeList: 1})),
		query(50, listBlock("all", "", "  limit = 51"),
			querycheck.ExpectLength(all, 51),
			sb.ExpectQueryRequests(map[string]int{routeList: 2})),
		query(50, listBlock("all", "", "  limit = 0"),
			querycheck.ExpectLength(all, 0),
			sb.ExpectQueryRequests(map[string]int{})),
		// The type filter reads every page: a third are crawlers.
		query(50, listBlock("crawlers", `    type = "WEB_CRAWLER"`, "  limit = 1000"),
			querycheck.ExpectLength(listType+".crawlers", 40),
			querycheck.ExpectNoIdentity(listType+".crawlers", connectorIdentity(o, ids[1])),
			sb.ExpectQueryRequests(map[string]int{routeList: 3})),
	)
}

// TestAccSourceConnectorList_empty: an organization without connectors,
// and a type nothing has, find nothing, with one request each.
func TestAccSourceConnectorList_empty(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	other := "5b0d4c1e-8f2a-4e6b-9d3c-7a1e2f3b4c5d"
	sb.Vectorize().AddOrganization(other)
	connectors(t, sb, uploadReq("uploads"))
	acctest.QueryTest(t,
		resource.TestStep{Config: sb.Config("")},
		sb.QueryStep(listBlock("none", fmt.Sprintf("    organization_id = %q", other), "")+
			listBlock("no_crawlers", `    type = "WEB_CRAWLER"`, ""),
			querycheck.ExpectLength(listType+".none", 0),
			querycheck.ExpectLength(listType+".no_crawlers", 0),
			sb.ExpectQueryRequests(map[string]int{routeList: 2})),
	)
}

// TestAccSourceConnectorList_badInput: a list block the provider cannot use
// fails naming the attribute and the rule, with no request.
func TestAccSourceConnectorList_badInput(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	acctest.Refusals{
		Setup: sb.Config(""),
		Cases: []acctest.Refusal{
			{
				Config: listBlock("bad", `    organization_id = ""`, ""),
				Error: acctest.ErrorMatching("Empty organization_id",
					"organization_id must not be empty: leave it out to use the provider's vectorize.organization_id."),
			},
			{
				Config: listBlock("bad", `    type = "aws_s3"`, ""),
				Error:  acctest.ErrorMatching("Invalid type", `type must be a connector type in upper snake case, such as AWS_S3 or WEB_CRAWLER`, `got "aws_s3".`),
			},
			{
				Config: listBlock("bad", `    workspace_id = "ws"`, ""),
				Error:  acctest.ErrorMatching(`An argument named "workspace_id" is not expected here`),
			},
		},
	}.RunQueries(t, sb)
}

// TestAccSourceConnectorList_noOrganization: without organization_id in the
// block or the provider, the query fails naming both, with no request.
func TestAccSourceConnectorList_noOrganization(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	acctest.RefuseQueryWithoutScope(t, sb, &vectorize.Service, listBlock("all", "", ""), acctest.ErrorMatching("Missing organization_id",
		"Set organization_id on the list block, or a default with the provider's vectorize.organization_id (environment variable VECTORIZE_ORGANIZATION_ID)."))
}

func TestAccSourceConnectorList_unconfiguredService(t *testing.T) {
	acctest.RefuseQueryWithoutService(t, &vectorize.Service, listBlock("all", `    organization_id = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01"`, ""))
}

// TestAccSourceConnectorList_apiError: an API error ends the query with the
// method, path, status and Vectorize's message, after one request.
func TestAccSourceConnectorList_apiError(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	other := "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
	acctest.Refusals{
		Setup: sb.Config(""),
		Cases: []acctest.Refusal{{
			Config: listBlock("forbidden", fmt.Sprintf("    organization_id = %q", other), ""),
			Error: acctest.ErrorMatching("Unable to list source connectors of organization "+other,
				"GET /vectorize/v1/org/"+other+"/connectors/sources: 403 Forbidden: Forbidden: You do not have access to organization "+other),
		}},
		Requests: map[string]int{routeList: 1},
	}.RunQueries(t, sb)
}
