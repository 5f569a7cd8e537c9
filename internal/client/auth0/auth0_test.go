package auth0_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

func newAPI(t *testing.T) (*auth0.API, *sandbox.Server) {
	t.Helper()
	creds := sandbox.DefaultCredentials()
	sb := sandbox.NewWithCredentials(creds)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	api := clienttest.Connect[*auth0.API](t, &auth0.Service, map[string]string{"endpoint": srv.URL, "api_token": creds.Auth0Token}, client.Options{})
	return api, sb
}

// fakeAPI is the API on a test server that answers every path alike.
func fakeAPI(t *testing.T, url string, o client.Options) *auth0.API {
	t.Helper()
	return clienttest.Connect[*auth0.API](t, &auth0.Service, map[string]string{"endpoint": url, "api_token": "t"}, o)
}

func TestListPagesUntilTotalWithoutAnEmptyPage(t *testing.T) {
	api, sb := newAPI(t)
	ctx := context.Background()
	for i := range 5 {
		id := fmt.Sprintf("con_page%012d", i)
		sb.Auth0().AddConnection(id, id, "auth0")
		if _, err := api.Add(ctx, sbauth0.OrgAcme, id, auth0.Settings{}); err != nil {
			t.Fatal(err)
		}
	}
	sb.ResetCounts()
	got, err := api.List(ctx, sbauth0.OrgAcme, auth0.ListOptions{PerPage: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Fatalf("want 5 connections, got %d", len(got))
	}
	if n := sb.Counts()["GET /api/v2/organizations/{id}/connections"]; n != 3 {
		t.Fatalf("want 3 page requests for 5 items at 2 per page, got %d", n)
	}
}

func TestUpdateSendsNullToClearTheName(t *testing.T) {
	var body map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &body)
		_, _ = w.Write([]byte(`{"connection_id":"con_1","is_enabled":true,"connection":{"name":"n","strategy":"auth0"}}`))
	}))
	t.Cleanup(srv.Close)
	f := false
	got, err := fakeAPI(t, srv.URL, client.Options{}).Update(context.Background(), "org_1", "con_1", auth0.Settings{ClearName: true, IsEnabled: &f})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := body["organization_connection_name"]; !ok || v != nil {
		t.Fatalf("want organization_connection_name: null, body %v", body)
	}
	if body["is_enabled"] != false || len(body) != 2 {
		t.Fatalf("body %v", body)
	}
	if got.Connection.Strategy != "auth0" || got.OrganizationConnectionName != nil {
		t.Fatalf("decoded %+v", got)
	}
}

func TestDecodeError(t *testing.T) {
	cases := []struct{ body, msg, code string }{
		{`{"statusCode":404,"error":"Not Found","message":"The connection does not exist","errorCode":"inexistent_connection"}`, "The connection does not exist", "inexistent_connection"},
		{`{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"}`, "Global limit has been reached", ""},
		{`{"statusCode":500,"error":"Internal Server Error"}`, "Internal Server Error", ""},
		{`upstream connect error`, "", ""},
		// The recorded 404 for an unknown organization has no errorCode.
		{`{"statusCode":404,"error":"Not Found","message":"No organization found by that id or name"}`, "No organization found by that id or name", ""},
		// /oauth/token answers in the OAuth shape.
		{`{"error":"access_denied","error_description":"Unauthorized"}`, "Unauthorized", "access_denied"},
	}
	for _, tc := range cases {
		msg, code, _ := auth0.DecodeError(0, []byte(tc.body))
		if msg != tc.msg || code != tc.code {
			t.Errorf("%s: got %q %q", tc.body, msg, code)
		}
	}
}

func TestSandboxErrorsAreDecoded(t *testing.T) {
	api, _ := newAPI(t)
	ctx := context.Background()
	_, err := api.Get(ctx, sbauth0.OrgAcme, sbauth0.ConDatabase)
	if !client.IsNotFound(err) {
		t.Fatalf("want 404, got %v", err)
	}
	if _, err := api.Add(ctx, sbauth0.OrgAcme, sbauth0.ConDatabase, auth0.Settings{}); err != nil {
		t.Fatal(err)
	}
	_, err = api.Add(ctx, sbauth0.OrgAcme, sbauth0.ConDatabase, auth0.Settings{})
	if !client.IsConflict(err) {
		t.Fatalf("want 409, got %v", err)
	}
	yes := true
	_, err = api.Update(ctx, sbauth0.OrgAcme, sbauth0.ConDatabase, auth0.Settings{IsSignupEnabled: &yes})
	want := "PATCH /api/v2/organizations/org_acme000000000001/connections/con_db00000000000001: 400 Bad Request: Payload validation error: is_signup_enabled can only be true when assign_membership_on_login is true (invalid_body)"
	if err == nil || err.Error() != want {
		t.Fatalf("want %q\n got %v", want, err)
	}
	// Delete is idempotent, as observed on real tenants.
	for range 2 {
		if err := api.Delete(ctx, sbauth0.OrgAcme, sbauth0.ConDatabase); err != nil {
			t.Fatal(err)
		}
	}
}

// An unknown organization answers 404 without errorCode: the error names the
// request and carries Auth0's message, with no empty code after it, and
// counts as not found (a read drops the pair, a delete is done).
func TestUnknownOrganizationIsNotFound(t *testing.T) {
	api, sb := newAPI(t)
	ctx := context.Background()
	const org = "org_gone000000000001"
	_, err := api.List(ctx, org, auth0.ListOptions{})
	want := "GET /api/v2/organizations/" + org + "/connections: 404 Not Found: No organization found by that id or name"
	if !client.IsNotFound(err) || err.Error() != want {
		t.Fatalf("want %q\n got %v", want, err)
	}
	if _, err := api.Get(ctx, org, sbauth0.ConDatabase); !client.IsNotFound(err) {
		t.Fatalf("Get: want not found, got %v", err)
	}
	if err := api.Delete(ctx, org, sbauth0.ConDatabase); err != nil {
		t.Fatalf("Delete: a pair of an organization that is gone is gone, got %v", err)
	}
	if n := sb.Counts()["GET /api/v2/organizations/{id}/connections"]; n != 1 {
		t.Fatalf("want 1 list request, got %d", n)
	}
}

// pages answers the list with the body for each page number, and counts.
func pages(t *testing.T, answer func(page int) string) (*auth0.API, *int) {
	t.Helper()
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if calls > 10 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		_, _ = io.WriteString(w, answer(page))
	}))
	t.Cleanup(srv.Close)
	return fakeAPI(t, srv.URL, client.Options{Retry: client.RetryPolicy{MaxRetries: 0}}), &calls
}

func conns(ids ...string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = `{"connection_id":"` + id + `"}`
	}
	return "[" + strings.Join(out, ",") + "]"
}

func ids(got []auth0.OrganizationConnection) string {
	out := make([]string, len(got))
	for i, c := range got {
		out[i] = c.ConnectionID
	}
	return strings.Join(out, ",")
}

// Paging never loops and never miscounts, whatever the server does past the end.
func TestListPagingPastTheEnd(t *testing.T) {
	cases := []struct {
		name   string
		answer func(page int) string
		want   string
		calls  int
	}{
		{"total reached: no request for the empty page", func(p int) string {
			return [][]string{{`{"connections":` + conns("a", "b") + `,"start":0,"limit":2,"total":4}`}, {`{"connections":` + conns("c", "d") + `,"start":2,"limit":2,"total":4}`}}[p][0]
		}, "a,b,c,d", 2},
		{"stale total: the empty page past the end stops", func(p int) string {
			if p == 0 {
				return `{"connections":` + conns("a", "b") + `,"start":0,"limit":2,"total":5}`
			}
			return `{"connections":[],"start":` + strconv.Itoa(2*p) + `,"limit":0,"total":5}`
		}, "a,b", 2},
		{"page ignored: the same page again stops", func(int) string {
			return `{"connections":` + conns("a", "b") + `,"start":0,"limit":2,"total":6}`
		}, "a,b", 2},
		{"a connection shifted onto the next page is kept once", func(p int) string {
			return []string{`{"connections":` + conns("a", "b") + `,"start":0,"limit":2,"total":3}`, `{"connections":` + conns("b", "c") + `,"start":2,"limit":2,"total":4}`}[p]
		}, "a,b,c", 2},
		{"short page with a total is not the last", func(p int) string {
			return []string{`{"connections":` + conns("a") + `,"start":0,"limit":1,"total":2}`, `{"connections":` + conns("b") + `,"start":1,"limit":1,"total":2}`}[p]
		}, "a,b", 2},
		{"bare arrays are paged until a short one", func(p int) string {
			return []string{conns("a", "b"), conns("c")}[p]
		}, "a,b,c", 2},
		{"bare arrays: an empty page stops", func(p int) string {
			return []string{conns("a", "b"), "[]"}[p]
		}, "a,b", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			api, calls := pages(t, c.answer)
			got, err := api.List(context.Background(), "org_1", auth0.ListOptions{PerPage: 2})
			if err != nil {
				t.Fatal(err)
			}
			if ids(got) != c.want || *calls != c.calls {
				t.Fatalf("want %s in %d requests, got %s in %d", c.want, c.calls, ids(got), *calls)
			}
		})
	}
}

// A tenant that ignores the is_enabled filter still gives the data source
// only the connections asked for; the query carries the filter.
func TestListFiltersWhatTheServerDoesNot(t *testing.T) {
	var query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		_, _ = io.WriteString(w, `{"connections":[{"connection_id":"a","is_enabled":true},{"connection_id":"b","is_enabled":false},{"connection_id":"c"}],"start":0,"limit":3,"total":3}`)
	}))
	t.Cleanup(srv.Close)
	yes := true
	got, err := fakeAPI(t, srv.URL, client.Options{}).List(context.Background(), "org_1", auth0.ListOptions{IsEnabled: &yes})
	if err != nil {
		t.Fatal(err)
	}
	if ids(got) != "a,c" || !strings.Contains(query, "is_enabled=true") {
		t.Fatalf("got %s for query %s", ids(got), query)
	}
}
