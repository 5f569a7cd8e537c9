package auth0_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
)

// The recorded interactions live with the emulator, whose replay test sends
// the same requests to the sandbox.
const recordings = "../../sandbox/auth0/testdata/recorded/*.json"

// For every recorded interaction, the client sends the recorded request (one
// request, same path, query and body) and decodes the recorded answer into
// what the provider relies on.
func TestClientReplaysRecordedTraffic(t *testing.T) {
	for _, rec := range clienttest.LoadRecordings(t, recordings) {
		for _, in := range rec.Interactions {
			t.Run(rec.File+"/"+in.Name(), func(t *testing.T) {
				opts, rp := clienttest.Replaying(in)
				api := clienttest.Connect[*auth0.API](t, &auth0.Service, map[string]string{"endpoint": "https://tenant.invalid", "api_token": "t"}, opts)
				err := call(t, api, in)
				sent := rp.Sent()
				if len(sent) != 1 {
					t.Fatalf("want 1 request, sent %d", len(sent))
				}
				path, query := clienttest.SplitPath(in.Path)
				if s := sent[0]; s.Method != in.Method || s.Path != path || s.Query != query {
					t.Fatalf("sent %s %s?%s, recorded %s", s.Method, s.Path, s.Query, in.Path)
				}
				if !sameJSON(sent[0].Body, in.Body) {
					t.Fatalf("sent body %s, recorded %s", sent[0].Body, in.Body)
				}
				if in.Status >= 300 {
					checkError(t, in, err)
				} else if err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// call makes the API call the interaction records and checks its result.
func call(t *testing.T, api *auth0.API, in clienttest.Interaction) error {
	t.Helper()
	ctx := context.Background()
	path, _ := clienttest.SplitPath(in.Path)
	parts := strings.Split(strings.TrimPrefix(path, "/api/v2/organizations/"), "/")
	org := parts[0]
	switch {
	case in.Method == "GET" && len(parts) == 2:
		got, err := api.List(ctx, org, auth0.ListOptions{})
		if err == nil {
			var page struct {
				Connections []json.RawMessage `json:"connections"`
			}
			if e := json.Unmarshal(in.Response, &page); e != nil {
				t.Fatal(e)
			}
			if len(got) != len(page.Connections) {
				t.Fatalf("decoded %d connections, recorded %d", len(got), len(page.Connections))
			}
			for i := range got {
				checkDecoded(t, page.Connections[i], &got[i])
			}
		}
		return err
	case in.Method == "POST":
		var body map[string]json.RawMessage
		if e := json.Unmarshal(in.Body, &body); e != nil {
			t.Fatal(e)
		}
		var con string
		_ = json.Unmarshal(body["connection_id"], &con)
		got, err := api.Add(ctx, org, con, settings(t, body))
		if err == nil {
			checkDecoded(t, in.Response, got)
		}
		return err
	case in.Method == "GET":
		got, err := api.Get(ctx, org, parts[2])
		if err == nil {
			checkDecoded(t, in.Response, got)
		}
		return err
	case in.Method == "PATCH":
		var body map[string]json.RawMessage
		if e := json.Unmarshal(in.Body, &body); e != nil {
			t.Fatal(e)
		}
		got, err := api.Update(ctx, org, parts[2], settings(t, body))
		if err == nil {
			checkDecoded(t, in.Response, got)
		}
		return err
	case in.Method == "DELETE":
		return api.Delete(ctx, org, parts[2])
	}
	t.Fatalf("no API call for %s", in.Name())
	return nil
}

// settings are the writable fields of a recorded body, as the provider sets them.
func settings(t *testing.T, body map[string]json.RawMessage) auth0.Settings {
	t.Helper()
	var s auth0.Settings
	for k, raw := range body {
		var err error
		switch k {
		case "connection_id":
		case "organization_connection_name":
			if string(raw) == "null" {
				s.ClearName = true
			} else {
				err = json.Unmarshal(raw, &s.OrganizationConnectionName)
			}
		case "assign_membership_on_login":
			err = json.Unmarshal(raw, &s.AssignMembershipOnLogin)
		case "show_as_button":
			err = json.Unmarshal(raw, &s.ShowAsButton)
		case "is_signup_enabled":
			err = json.Unmarshal(raw, &s.IsSignupEnabled)
		case "organization_access_level":
			err = json.Unmarshal(raw, &s.OrganizationAccessLevel)
		case "is_enabled":
			err = json.Unmarshal(raw, &s.IsEnabled)
		default:
			t.Fatalf("recorded body field %s has no setting", k)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// checkDecoded compares the decoded connection with the recorded JSON, field
// by field: a field the answer leaves out must decode as unset, not as false.
func checkDecoded(t *testing.T, recorded json.RawMessage, got *auth0.OrganizationConnection) {
	t.Helper()
	var want struct {
		ConnectionID               string  `json:"connection_id"`
		OrganizationConnectionName *string `json:"organization_connection_name"`
		AssignMembershipOnLogin    *bool   `json:"assign_membership_on_login"`
		ShowAsButton               *bool   `json:"show_as_button"`
		IsSignupEnabled            *bool   `json:"is_signup_enabled"`
		OrganizationAccessLevel    *string `json:"organization_access_level"`
		IsEnabled                  *bool   `json:"is_enabled"`
		Connection                 *struct {
			Name     string `json:"name"`
			Strategy string `json:"strategy"`
		} `json:"connection"`
	}
	if err := json.Unmarshal(recorded, &want); err != nil {
		t.Fatal(err)
	}
	eqs := func(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	eqb := func(a, b *bool) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	if got.ConnectionID != want.ConnectionID || !eqs(got.OrganizationConnectionName, want.OrganizationConnectionName) ||
		!eqb(got.AssignMembershipOnLogin, want.AssignMembershipOnLogin) || !eqb(got.ShowAsButton, want.ShowAsButton) ||
		!eqb(got.IsSignupEnabled, want.IsSignupEnabled) || !eqs(got.OrganizationAccessLevel, want.OrganizationAccessLevel) ||
		!eqb(got.IsEnabled, want.IsEnabled) || got.Connection == nil || want.Connection == nil ||
		got.Connection.Name != want.Connection.Name || got.Connection.Strategy != want.Connection.Strategy {
		g, _ := json.Marshal(got)
		t.Fatalf("decoded %s\n recorded %s", g, recorded)
	}
}

// checkError: a recorded error is an API error with the recorded status and
// Auth0's message, naming the request; a 404 counts as not found.
func checkError(t *testing.T, in clienttest.Interaction, err error) {
	t.Helper()
	var e struct {
		Message   string `json:"message"`
		ErrorCode string `json:"errorCode"`
	}
	_ = json.Unmarshal(in.Response, &e)
	want := in.Method + " " + in.Path[:strings.IndexAny(in.Path+"?", "?")] + ": "
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), e.Message) {
		t.Fatalf("want an error starting %q with %q, got %v", want, e.Message, err)
	}
	if e.ErrorCode == "" && strings.HasSuffix(err.Error(), ")") {
		t.Fatalf("no errorCode was answered, yet the error shows one: %v", err)
	}
	if in.Status == 404 && !client.IsNotFound(err) {
		t.Fatalf("a 404 is not found, got %v", err)
	}
}

func sameJSON(a, b []byte) bool {
	if len(bytes.TrimSpace(a)) == 0 || len(bytes.TrimSpace(b)) == 0 {
		return len(bytes.TrimSpace(a)) == len(bytes.TrimSpace(b))
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
