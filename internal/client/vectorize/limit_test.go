package vectorize_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

// The list that answers a refresh asks the spec's largest page
// (getSourceConnectors `limit`, "1-100", spec 0.1.2) on every page, the
// token's included; a list that does not ask sends no limit.
func TestListLimit(t *testing.T) {
	f := &fake{reply: func(r *http.Request) (int, string) {
		if r.URL.Query().Get("nextToken") == "" {
			return 200, `{"sourceConnectors":[{"id":"a","type":"GCS","name":"a"}],"nextToken":"t1"}`
		}
		return 200, `{"sourceConnectors":[{"id":"b","type":"GCS","name":"b"}]}`
	}}
	api := f.serve(t)
	if got, err := api.List(context.Background(), "o", vectorize.ListOptions{Limit: 100}); err != nil || len(got) != 2 {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := api.List(context.Background(), "o", vectorize.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /v1/org/o/connectors/sources?limit=100",
		"GET /v1/org/o/connectors/sources?limit=100&nextToken=t1",
		"GET /v1/org/o/connectors/sources",
		"GET /v1/org/o/connectors/sources?nextToken=t1",
	}
	if !slices.Equal(f.reqs, want) {
		t.Fatalf("sent %q, want %q", f.reqs, want)
	}
}
