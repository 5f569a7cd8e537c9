package versori_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// TestEachIsLazy: a caller that stops after three connections of pages of
// two gets them with two requests; the third page is never asked for.
func TestEachIsLazy(t *testing.T) {
	api, sb, org := newAPI(t)
	ctx := context.Background()
	for i := range 6 {
		if _, err := api.Create(ctx, org, versori.ProtocolBigQuery, versori.CreateInput{Name: fmt.Sprintf("bq-%d", i), DatasetID: "my-project.sales"}); err != nil {
			t.Fatal(err)
		}
	}
	sb.ResetCounts()
	var names []string
	for c, err := range api.Each(ctx, org, versori.ListOptions{First: 2, Sort: "name:asc"}) {
		if err != nil {
			t.Fatal(err)
		}
		if names = append(names, c.Name); len(names) == 3 {
			break
		}
	}
	if strings.Join(names, ",") != "bq-0,bq-1,bq-2" {
		t.Fatalf("names %v", names)
	}
	if n := sb.Counts()[routeList]; n != 2 {
		t.Fatalf("want 2 list requests for 3 connections at 2 per page, got %d", n)
	}
}

// TestEachStopsAndDeduplicates: a connection a change between pages shows
// twice is yielded once, and a server that answers the same cursor again
// does not make the listing loop.
func TestEachStopsAndDeduplicates(t *testing.T) {
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		switch r.URL.Query().Get("after") {
		case "":
			_, _ = w.Write([]byte(`{"totalCount":9,"next":"c2","connections":[{"id":"c1","protocol":"http"},{"id":"c2","protocol":"http"}]}`))
		default:
			// c2 again (moved by an update), then the same cursor forever.
			_, _ = w.Write([]byte(`{"totalCount":9,"next":"c2","connections":[{"id":"c2","protocol":"http"},{"id":"c3","protocol":"bigquery"}]}`))
		}
	}))
	t.Cleanup(srv.Close)
	api := clienttest.Connect[*versori.API](t, &versori.Service, map[string]string{"endpoint": srv.URL, "api_key": "k"}, client.Options{})
	all, err := api.List(context.Background(), "o1", versori.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range all {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "c1,c2,c3" || requests != 2 {
		t.Fatalf("ids %v after %d requests; want c1,c2,c3 after 2", ids, requests)
	}
}
