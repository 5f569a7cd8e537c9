package versoriconnection_test

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
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	sbversori "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
)

func listBlock(name, config, options string) string {
	return acctest.ListBlock("conduit_versori_connection", name, config, options)
}

func pair(org, id string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"organisation_id": str(org), "id": str(id)}
}

var apiKeyScheme = versori.AuthSchemeConfig{SchemeType: "api-key", Name: "X-Api-Key", In: "header"}

// addConnections makes n connections in org out of band, every third a
// bigquery one, the others http with an auth scheme, default variables and
// an environment binding a credential; then zeroes the request counts.
func addConnections(t *testing.T, sb *acctest.Sandbox, org string, n int) []string {
	t.Helper()
	api := sb.VersoriAPI(t)
	ids := make([]string, n)
	for i := range n {
		protocol, in := versori.ProtocolHTTP, versori.CreateInput{
			Name: fmt.Sprintf("bulk-%03d", i), BaseURL: fmt.Sprintf("https://api%d.example.com", i),
			AuthSchemeConfigs:    []versori.AuthSchemeConfig{apiKeyScheme},
			EnvironmentVariables: []versori.Variable{{Name: "region", Value: "eu"}},
			Environments: []versori.EnvironmentCreate{{Name: "production", Variables: []versori.Variable{{Name: "tier", Value: "gold"}},
				Credentials: versori.EnvironmentCredentialsCreate{Action: []versori.EnvironmentCredentialCreate{{
					AuthSchemeConfig: apiKeyScheme, Credential: versori.CredentialRef{ID: sbversori.CredAPIKey}}}}}},
		}
		if i%3 == 0 {
			protocol, in = versori.ProtocolBigQuery, versori.CreateInput{Name: fmt.Sprintf("bulk-%03d", i), DatasetID: "my-project.sales", Environments: []versori.EnvironmentCreate{}}
		}
		c, err := api.Create(context.Background(), org, protocol, in)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = c.ID
	}
	sb.ResetCounts()
	return ids
}

// TestAccVersoriConnectionList_filters: the default organisation's
// connections, the http or bigquery ones, and another organisation's when
// named, one list request per list block, each result with its identity
// and its name as display name.
func TestAccVersoriConnectionList_filters(t *testing.T) {
	sb := sandboxOnly(t)
	org := sb.Creds.VersoriOrg
	other := "01JDTHER0RG00000000000000A"
	sb.Versori().AddOrganisation(other)
	ids := addConnections(t, sb, org, 3) // bulk-000 bigquery, bulk-001 and bulk-002 http
	theirs := addConnections(t, sb, other, 1)
	acctest.QueryTest(t,
		resource.TestStep{Config: sb.Config("")},
		sb.QueryStep(listBlock("all", "", "")+
			listBlock("http", `    protocol = "http"`, "")+
			listBlock("bigquery", fmt.Sprintf("    organisation_id = %q\n    protocol = \"bigquery\"", org), "")+
			listBlock("other", fmt.Sprintf("    organisation_id = %q", other), ""),
			querycheck.ExpectLength("conduit_versori_connection.all", 3),
			querycheck.ExpectIdentity("conduit_versori_connection.all", pair(org, ids[0])),
			querycheck.ExpectIdentity("conduit_versori_connection.all", pair(org, ids[1])),
			querycheck.ExpectIdentity("conduit_versori_connection.all", pair(org, ids[2])),
			acctest.ExpectDisplayNames("conduit_versori_connection.all", "bulk-000", "bulk-001", "bulk-002"),
			querycheck.ExpectNoIdentity("conduit_versori_connection.all", pair(other, theirs[0])),
			acctest.ExpectDisplayNames("conduit_versori_connection.http", "bulk-001", "bulk-002"),
			querycheck.ExpectLength("conduit_versori_connection.bigquery", 1),
			querycheck.ExpectIdentity("conduit_versori_connection.bigquery", pair(org, ids[0])),
			querycheck.ExpectLength("conduit_versori_connection.other", 1),
			querycheck.ExpectIdentity("conduit_versori_connection.other", pair(other, theirs[0])),
			sb.ExpectQueryRequests(map[string]int{routeList: 4}),
		),
	)
}

// bulkHTTP is the configuration of addConnections' http connection i.
func bulkHTTP(i int) string {
	return fmt.Sprintf(`
resource "conduit_versori_connection" "test" {
  name                  = "bulk-%03d"
  base_url              = "https://api%d.example.com"
  auth_scheme_configs   = [{ scheme_type = "api-key", name = "X-Api-Key", in = "header" }]
  environment_variables = { region = "eu" }
  environments = [{
    name               = "production"
    variables          = { tier = "gold" }
    action_credentials = [{ credential_id = %q, auth_scheme_config = { scheme_type = "api-key", name = "X-Api-Key", in = "header" } }]
  }]
}
`, i, i, sbversori.CredAPIKey)
}

// TestAccVersoriConnectionList_includeResource: with include_resource, the
// listed object is the state a read of the same connection gives, and the
// list items being whole connections, no GET per item is sent.
func TestAccVersoriConnectionList_includeResource(t *testing.T) {
	sb := sandboxOnly(t)
	org := sb.Creds.VersoriOrg
	ids := addConnections(t, sb, org, 2)
	read := &acctest.Snapshot{Address: addr}
	cfg := sb.Config(bulkHTTP(1))
	acctest.QueryTest(t,
		resource.TestStep{Config: cfg + fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", addr, org+"/"+ids[1])},
		read.CaptureStep(cfg),
		sb.QueryStep(listBlock("all", "", "  include_resource = true"),
			querycheck.ExpectLength("conduit_versori_connection.all", 2),
			read.ExpectListedAsState("conduit_versori_connection.all", pair(org, ids[1])),
			querycheck.ExpectResourceKnownValues("conduit_versori_connection.all",
				queryfilter.ByResourceIdentity(pair(org, ids[0])), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("protocol"), KnownValue: str("bigquery")},
					{Path: tfjsonpath.New("dataset_id"), KnownValue: str("my-project.sales")},
					{Path: tfjsonpath.New("base_url"), KnownValue: knownvalue.Null()},
				}),
			sb.ExpectQueryRequests(map[string]int{routeList: 1}),
		),
	)
}
