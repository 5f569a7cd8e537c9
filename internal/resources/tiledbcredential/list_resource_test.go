package tiledbcredential_test

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
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	sbtiledb "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/tiledb"
)

const listAddr = "conduit_tiledb_credential.all"

func listBlock(name, config, options string) string {
	return acctest.ListBlock("conduit_tiledb_credential", name, config, options)
}

// TestAccTileDBCredentialList_filters: every credential of the provider's
// namespace or of a namespace given, or those of one cloud provider, one
// list request per block, each result with its identity and its name as
// display name.
func TestAccTileDBCredentialList_filters(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	ns := namespace(sb)
	cfg := sb.Config(fmt.Sprintf(`
resource "conduit_tiledb_credential" "key" {
  name = "list-key"
  %s
}
resource "conduit_tiledb_credential" "sas" {
  name = "list-sas"
  azure_sas_token = {
    account_name = "listacct"
    sas_token_wo = "sv=1&sig=x"
  }
}
resource "conduit_tiledb_credential" "labs" {
  namespace = %q
  name      = "list-labs"
  gcp_hmac_key = {
    access_key_id        = "GOOG1LIST"
    secret_access_key_wo = "hmac"
  }
}
`, woKey("AKIALIST", "s"), sbtiledb.Namespace))
	acctest.QueryTest(t,
		resource.TestStep{Config: cfg},
		sb.QueryStep(listBlock("all", "", "")+
			listBlock("aws", `cloud_provider = "AWS"`, "")+
			listBlock("gcp", `cloud_provider = "GCP"`, "")+
			listBlock("labs", fmt.Sprintf("namespace = %q", sbtiledb.Namespace), ""),
			querycheck.ExpectLength(listAddr, 2),
			querycheck.ExpectIdentity(listAddr, credIdentity(ns, "list-key")),
			querycheck.ExpectIdentity(listAddr, credIdentity(ns, "list-sas")),
			acctest.ExpectDisplayNames(listAddr, "list-key", "list-sas"),
			querycheck.ExpectLength("conduit_tiledb_credential.aws", 1),
			querycheck.ExpectIdentity("conduit_tiledb_credential.aws", credIdentity(ns, "list-key")),
			querycheck.ExpectLength("conduit_tiledb_credential.gcp", 0),
			querycheck.ExpectLength("conduit_tiledb_credential.labs", 1),
			querycheck.ExpectIdentity("conduit_tiledb_credential.labs", credIdentity(sbtiledb.Namespace, "list-labs")),
			acctest.ExpectDisplayNames("conduit_tiledb_credential.labs", "list-labs"),
			sb.ExpectQueryRequests(map[string]int{routeList: 4}),
		),
	)
}

// TestAccTileDBCredentialList_includeResource: with include_resource, the
// listed object is the state a read of the same credential gives when the
// configuration holds no stored secret and no secret_wo_version (as after an
// import): public fields and server fields, secrets null.
func TestAccTileDBCredentialList_includeResource(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	ns := namespace(sb)
	cases := []struct{ name, kind string }{
		{"inc-key", `provider_default = true
  allowed_in_tasks = true
  aws_access_key = {
    access_key_id        = "AKIAINCLUDE"
    secret_access_key_wo = "s"
    endpoint             = "https://s3.example.com"
    kms_id               = "arn:aws:kms:us-east-1:123456789012:key/inc"
  }`},
		{"inc-sa", "gcp_service_account_key = {\n    key_text_wo = " + serviceAccountKey("inc-1") + "\n  }"},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		read := &acctest.Snapshot{Address: addr}
		cfg := sb.Config(config(c.name, c.kind))
		steps = append(steps,
			resource.TestStep{Config: cfg},
			read.CaptureStep(cfg),
			sb.QueryStep(listBlock("all", "", "  include_resource = true"),
				querycheck.ExpectLength(listAddr, 1),
				read.ExpectListedAsState(listAddr, credIdentity(ns, c.name)),
				sb.ExpectQueryRequests(map[string]int{routeList: 1})),
		)
	}
	// The values themselves, on the last one listed.
	last := &steps[len(steps)-1]
	last.QueryResultChecks = append(last.QueryResultChecks,
		querycheck.ExpectResourceKnownValues(listAddr, queryfilter.ByResourceIdentity(credIdentity(ns, "inc-sa")), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("cloud_provider"), KnownValue: str("GCP")},
			{Path: tfjsonpath.New("gcp_service_account_key").AtMapKey("key_id"), KnownValue: str("inc-1")},
			{Path: tfjsonpath.New("gcp_service_account_key").AtMapKey("key_text"), KnownValue: knownvalue.Null()},
			{Path: tfjsonpath.New("secret_wo_version"), KnownValue: knownvalue.Null()},
		}))
	acctest.QueryTest(t, steps...)
}

// addCredentials makes n credentials in ns out of band, of every kind in
// turn (the i-th is "bulk-<i>"), then zeroes the request counts.
func addCredentials(t *testing.T, sb *acctest.Sandbox, ns string, n int) []string {
	t.Helper()
	api := sb.TileDBAPI(t)
	names := make([]string, n)
	for i := range n {
		names[i] = fmt.Sprintf("bulk-%03d", i)
		c := tiledb.AccessCredential{Name: names[i]}
		id := fmt.Sprintf("%016d", i)
		switch i % 6 {
		case 0:
			c.Credential = &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: "AKIA" + id, SecretAccessKey: "aws-" + id}}
		case 1:
			c.Role = &tiledb.Role{AWS: &tiledb.AWSRole{RoleARN: "arn:aws:iam::123456789012:role/bulk-" + id, ExternalID: "ext-" + id}}
		case 2:
			c.Credential = &tiledb.Credential{Azure: &tiledb.AzureKey{AccountName: "acct" + id, AccountKey: "azk-" + id}}
		case 3:
			c.Token = &tiledb.Token{Azure: &tiledb.AzureSAS{AccountName: "acct" + id, SASToken: "sv=1&sig=" + id}}
		case 4:
			c.Credential = &tiledb.Credential{GCP: &tiledb.GCPHMACKey{AccessKeyID: "GOOG" + id, SecretAccessKey: "hmac-" + id}}
		case 5:
			c.Token = &tiledb.Token{GCP: &tiledb.GCPServiceAccountKey{KeyText: fmt.Sprintf(
				`{"type":"service_account","private_key_id":"key-%s","client_email":"bulk-%s@acme.iam.gserviceaccount.com"}`, id, id)}}
		}
		if err := api.Create(context.Background(), ns, c); err != nil {
			t.Fatal(err)
		}
	}
	sb.ResetCounts()
	return names
}

// TestAccTileDBCredentialList_paging: 230 credentials are three pages of
// 100; the list reads every page, and stops at the limit Terraform passes
// (100 when the block sets none; 0 asks for nothing) without asking for the
// next page.
func TestAccTileDBCredentialList_paging(t *testing.T) {
	acctest.RequireSandbox(t, "230 credentials and request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	ns := sbtiledb.Namespace
	names := addCredentials(t, sb, ns, acctest.PagingObjects)
	inNS := fmt.Sprintf("namespace = %q", ns)
	acctest.Paging{
		List:      listAddr,
		Block:     func(options string) string { return listBlock("all", inNS, options) },
		ListRoute: routeList,
		First:     credIdentity(ns, names[0]),
		Last:      credIdentity(ns, names[len(names)-1]),
	}.Run(t, sb,
		// Two kinds in six are Azure's (76 of 230): the server filters,
		// every page of its answer.
		sb.QueryStep(listBlock("azure", inNS+"\n    cloud_provider = \"AZURE\"", "  limit = 1000"),
			querycheck.ExpectLength("conduit_tiledb_credential.azure", 76),
			querycheck.ExpectIdentity("conduit_tiledb_credential.azure", credIdentity(ns, names[2])),
			querycheck.ExpectNoIdentity("conduit_tiledb_credential.azure", credIdentity(ns, names[0])),
			sb.ExpectQueryRequests(map[string]int{routeList: 1})),
	)
}

// TestAccTileDBCredentialList_smallPages: a server whose pages are smaller
// than asked (per_page clamped to 7) is read to its total_pages, one request
// per page and not one more.
func TestAccTileDBCredentialList_smallPages(t *testing.T) {
	acctest.RequireSandbox(t, "a clamped per_page needs the sandbox")
	sb := acctest.StartSandbox(t)
	ns := sbtiledb.Namespace
	addCredentials(t, sb, ns, 20)
	sb.TileDB().SetMaxPerPage(7)
	acctest.QueryTest(t,
		resource.TestStep{Config: sb.Config("")},
		sb.QueryStep(listBlock("all", fmt.Sprintf("namespace = %q", ns), ""),
			querycheck.ExpectLength(listAddr, 20),
			sb.ExpectQueryRequests(map[string]int{routeList: 3})),
	)
}

// TestAccTileDBCredentialList_empty: a namespace without credentials, and a
// filter nothing matches, find nothing, with one request each.
func TestAccTileDBCredentialList_empty(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	acctest.QueryTest(t,
		resource.TestStep{Config: sb.Config(config("only-aws", woKey("AKIAONLY", "s")))},
		sb.QueryStep(listBlock("none", fmt.Sprintf("namespace = %q", sbtiledb.Namespace), "")+
			listBlock("none_azure", `cloud_provider = "AZURE"`, ""),
			querycheck.ExpectLength("conduit_tiledb_credential.none", 0),
			querycheck.ExpectLength("conduit_tiledb_credential.none_azure", 0),
			sb.ExpectQueryRequests(map[string]int{routeList: 2})),
	)
}

// TestAccTileDBCredentialList_badInput: a list block the provider cannot use
// fails stating the rule, with no request.
func TestAccTileDBCredentialList_badInput(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	acctest.Refusals{
		Setup: sb.Config(""),
		Cases: []acctest.Refusal{
			{
				Config: listBlock("bad", `cloud_provider = "gcp"`, ""),
				Error:  acctest.ErrorMatching(`cloud_provider must be AWS, AZURE or GCP, in capitals as the API names cloud providers (got "gcp")`),
			},
			{
				Config: listBlock("bad", `namespace = "acme/dev"`, ""),
				Error: acctest.ErrorMatching(`namespace must not be empty and must not contain "/" or control characters: it is one segment of the API path`,
					`(got "acme/dev")`),
			},
		},
	}.RunQueries(t, sb)
}

// TestAccTileDBCredentialList_noNamespace: without namespace in the list
// block nor the provider, the query fails naming both, with no request.
func TestAccTileDBCredentialList_noNamespace(t *testing.T) {
	acctest.RequireSandbox(t, "needs a provider without a TileDB namespace")
	sb := acctest.StartSandbox(t)
	acctest.RefuseQueryWithoutScope(t, sb, &tiledb.Service, listBlock("all", "", ""), acctest.ErrorMatching("Missing namespace",
		"Set namespace on the list block, or a default with the provider's tiledb.namespace (environment variable TILEDB_NAMESPACE)"))
}

func TestAccTileDBCredentialList_unconfiguredService(t *testing.T) {
	acctest.RefuseQueryWithoutService(t, &tiledb.Service, listBlock("all", `namespace = "acme"`, ""))
}

// TestAccTileDBCredentialList_apiError: an API error ends the query with the
// method, path, status and TileDB's message, after one request.
func TestAccTileDBCredentialList_apiError(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	acctest.Refusals{
		Setup: sb.Config(""),
		Cases: []acctest.Refusal{{
			Config: listBlock("gone", `namespace = "gone"`, ""),
			Error: acctest.ErrorMatching("Unable to list TileDB credentials of namespace gone",
				"GET /v2/credentials/gone: 404 Not Found: namespace gone not found"),
		}},
		Requests: map[string]int{routeList: 1},
	}.RunQueries(t, sb)
}
