package vectorize

import (
	"reflect"
	"testing"
)

// TestListItemsAreTheGetAnswers: each item getSourceConnectors answers is
// exactly getSourceConnector's answer, configDoc (secrets left out) and
// server fields included, whatever the connector's workspace. The spec makes
// both the same schema: getSourceConnectors' sourceConnectors items are
// `$ref: SourceConnector`, getSourceConnector's 200 is `SourceConnector`
// (vectorize-io/vectorize-clients vectorize_api.json 0.1.2; the 0.4.0 SDK's
// GetSourceConnectors200Response holds SourceConnector). Refresh at scale
// answers reads from the list, so a list richer or thinner than GET would
// hide drift or invent it.
func TestListItemsAreTheGetAnswers(t *testing.T) {
	h := newHarness(t)
	h.create(`{"name":"s3","type":"AWS_S3","config":{"access-key":"a","secret-key":"s","bucket-name":"b","archiver":false,"region":"eu-west-1"}}`)
	h.create(`{"name":"crawl","type":"WEB_CRAWLER","config":{"seed-urls":["https://a.example"],"max-depth":3}}`)
	h.create(`{"name":"files","type":"FILE_UPLOAD"}`)
	if code, out := h.do("POST", sources+"?workspaceId=ws_2", `{"name":"other","type":"FILE_UPLOAD"}`); code != 200 {
		t.Fatalf("create in a workspace: %d %v", code, out)
	}
	code, out := h.do("GET", sources, "")
	list, _ := out["sourceConnectors"].([]any)
	if code != 200 || len(list) != 4 {
		t.Fatalf("list: %d %v", code, out)
	}
	for _, it := range list {
		fromList := it.(map[string]any)
		id, _ := fromList["id"].(string)
		code, fromGet := h.do("GET", sources+"/"+id, "")
		if code != 200 || !reflect.DeepEqual(fromList, fromGet) {
			t.Errorf("%s: list item %v\nGET %d %v", id, fromList, code, fromGet)
		}
	}
}
