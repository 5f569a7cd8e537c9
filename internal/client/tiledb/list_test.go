package tiledb_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
)

const routeList = "GET /v2/credentials/{namespace}"

// A caller that stops taking credentials (a list resource at Terraform's
// limit) sends no request for the pages it did not reach.
func TestEachFetchesOnlyThePagesTheCallerTakes(t *testing.T) {
	sb, creds, base := newSandbox(t)
	api := newAPI(t, base, apiKey(creds.TileDBKey))
	ctx := context.Background()
	ns := creds.TileDBNamespace
	for i := range 7 {
		if err := api.Create(ctx, ns, awsKey(fmt.Sprintf("each-%d", i), fmt.Sprintf("AKIAEACH%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ take, pages int }{{1, 1}, {3, 1}, {4, 2}, {6, 2}, {7, 3}, {100, 3}} {
		sb.ResetCounts()
		n := 0
		for _, err := range api.Each(ctx, ns, tiledb.ListOptions{PerPage: 3}) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == tc.take {
				break
			}
		}
		if got := sb.Counts()[routeList]; got != tc.pages {
			t.Errorf("taking %d of 7 at 3 per page: want %d page requests, got %d", tc.take, tc.pages, got)
		}
	}
}

func TestEachYieldsTheErrorLast(t *testing.T) {
	_, creds, base := newSandbox(t)
	api := newAPI(t, base, apiKey(creds.TileDBKey))
	var errs, items int
	for _, err := range api.Each(context.Background(), "no-such-namespace", tiledb.ListOptions{}) {
		if err != nil {
			errs++
			if apiStatus(t, err).Status != http.StatusNotFound {
				t.Fatalf("want a 404, got %v", err)
			}
			continue
		}
		items++
	}
	if errs != 1 || items != 0 {
		t.Fatalf("want one error and no item for an unknown namespace, got %d errors and %d items", errs, items)
	}
}

// A server that ignores `page` and answers full pages without metadata
// would be read forever: a page with no new name ends the list.
func TestEachStopsOnAPageWithNothingNew(t *testing.T) {
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		_, _ = io.WriteString(w, `{"credentials":[{"name":"a","provider":"AWS"},{"name":"b","provider":"AWS"}]}`)
	}))
	defer srv.Close()
	got, err := newAPI(t, srv.URL, nil).List(context.Background(), "ns", tiledb.ListOptions{PerPage: 2})
	if err != nil || len(got) != 2 || requests != 2 {
		t.Fatalf("got %d items after %d requests, err %v; want 2 items after 2 requests", len(got), requests, err)
	}
}

// A server that ignores the provider filter: the items the answer says are
// of another provider are left out, and paging still follows the metadata.
func TestEachFiltersWhatTheServerDoesNot(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "1" {
			_, _ = io.WriteString(w, `{"credentials":[{"name":"a","provider":"AZURE"},{"name":"b","provider":"AZURE"}],
"pagination_metadata":{"page":1,"per_page":2,"total_pages":2,"total_items":3}}`)
			return
		}
		_, _ = io.WriteString(w, `{"credentials":[{"name":"c","provider":"AWS"}],
"pagination_metadata":{"page":2,"per_page":2,"total_pages":2,"total_items":3}}`)
	}))
	defer srv.Close()
	got, err := newAPI(t, srv.URL, nil).List(context.Background(), "ns", tiledb.ListOptions{Provider: tiledb.ProviderAWS, PerPage: 2})
	if err != nil || len(got) != 1 || got[0].Name != "c" {
		t.Fatalf("want only c, got %+v, %v", got, err)
	}
}
