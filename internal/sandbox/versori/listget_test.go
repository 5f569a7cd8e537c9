package versori_test

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
)

// TestListItemsAreTheGetAnswers: each connection ListConnections answers is
// exactly GetConnection's answer, environments, credentials and versions
// included, on every page. The spec makes both the same schema:
// ConnectionPage.connections items are `$ref: Connection`, GetConnection's
// 200 is `Connection` (versori/user-docs openapi/connect-api-v1alpha1.yaml);
// the spec's ConnectionSummaryBase is not what the list answers. Refresh at
// scale answers reads from the list, so a list richer or thinner than GET
// would hide drift or invent it.
func TestListItemsAreTheGetAnswers(t *testing.T) {
	_, srv := start(t)
	bodies := []string{
		`{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[{"schemeType":"api-key","name":"k","in":"header"}],"environmentVariables":[{"name":"region","value":"eu"}],"environments":[` + apiKeyEnv + `]}`,
		`{"name":"b","baseUrl":"https://b.example.com","authSchemeConfigs":[],"environments":[]}`,
		`{"name":"c","baseUrl":"https://c.example.com","authSchemeConfigs":[{"schemeType":"hmac","name":"sig","in":"header","algorithm":"sha256","digestInputs":["body"]}],"environments":[{"name":"p","variables":[{"name":"x","value":"1"}],"credentials":{"action":[{"authSchemeConfig":{"schemeType":"hmac","name":"sig","in":"header","algorithm":"sha256","digestInputs":["body"]},"credential":{"id":"` + versori.CredHMAC + `"}}],"trigger":[]}}]}`,
	}
	for _, b := range bodies {
		if st, out := call(t, srv, "POST", "/protocols/http/connections", b); st != 201 {
			t.Fatalf("create: %d %v", st, out)
		}
	}
	if st, out := call(t, srv, "POST", "/protocols/bigquery/connections", `{"name":"w","datasetId":"my-project.sales","environments":[]}`); st != 201 {
		t.Fatalf("create bigquery: %d %v", st, out)
	}
	seen, after := 0, ""
	for range 10 {
		q := url.Values{"first": {"3"}}
		if after != "" {
			q.Set("after", after)
		}
		st, page := call(t, srv, "GET", "/connections?"+q.Encode(), "")
		items, _ := page["connections"].([]any)
		if st != 200 {
			t.Fatalf("list: %d %v", st, page)
		}
		for _, it := range items {
			fromList := it.(map[string]any)
			id, _ := fromList["id"].(string)
			st, fromGet := call(t, srv, "GET", "/connections/"+id, "")
			if st != 200 || !reflect.DeepEqual(fromList, fromGet) {
				t.Errorf("%s: list item %v\nGET %d %v", id, fromList, st, fromGet)
			}
			seen++
		}
		next, _ := page["next"].(string)
		if next == "" {
			break
		}
		after = next
	}
	if seen != 4 {
		t.Fatalf("compared %d connections over the pages, want 4", seen)
	}
}
