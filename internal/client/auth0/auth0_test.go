package auth0_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

func newAPI(t *testing.T) (*auth0.API, *sandbox.Server) {
	t.Helper()
	creds := sandbox.DefaultCredentials()
	sb := sandbox.NewWithCredentials(creds)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{Service: "auth0", BaseURL: srv.URL + "/api/v2", Auth: client.BearerToken(creds.Auth0Token), DecodeError: auth0.DecodeError})
	if err != nil {
		t.Fatal(err)
	}
	return auth0.New(c), sb
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
	c, _ := client.New(client.Config{Service: "auth0", BaseURL: srv.URL})
	f := false
	got, err := auth0.New(c).Update(context.Background(), "org_1", "con_1", auth0.Settings{ClearName: true, IsEnabled: &f})
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
