package auth0_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

type rule struct {
	name         string
	method, path string
	body         string // a /oauth/token body not starting with { is a form
	status       int
	// code is the errorCode (the OAuth error for /oauth/token); "" means
	// the answer must carry none.
	code string
	// message must appear in the answer's message (error_description).
	message string
}

const (
	orgs     = "/api/v2/organizations/"
	pairs    = orgs + sbauth0.OrgAcme + "/connections"
	linked   = pairs + "/" + sbauth0.ConOkta // added before each case
	unlinked = pairs + "/" + sbauth0.ConGoogle
)

var long = strings.Repeat("x", 51)

// Every request rule of every operation the provider uses: each rejects what
// it should, with Auth0's error body, and the minimal valid request passes.
// Sources are in internal/sandbox/FIDELITY.md.
func TestRequestValidation(t *testing.T) {
	add := func(body string) string { return `{"connection_id":"` + sbauth0.ConDatabase + `"` + body + `}` }
	tok := func(grant, id, secret, audience string) string {
		m := map[string]any{}
		for k, v := range map[string]string{"grant_type": grant, "client_id": id, "client_secret": secret, "audience": audience} {
			if v != "" {
				m[k] = v
			}
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	creds := sandbox.DefaultCredentials()
	aud := "https://" + creds.Auth0Domain + "/api/v2/"
	rules := []rule{
		// POST …/connections
		{"add: minimal body", "POST", pairs, add(""), 201, "", ""},
		{"add: every field", "POST", pairs, add(`,"organization_connection_name":"Staff","assign_membership_on_login":true,"show_as_button":false,"is_signup_enabled":true,"organization_access_level":"full","is_enabled":false`), 201, "", ""},
		{"add: name null", "POST", pairs, add(`,"organization_connection_name":null`), 201, "", ""},
		{"add: not JSON", "POST", pairs, `{`, 400, "invalid_body", "Payload validation error"},
		{"add: not an object", "POST", pairs, `[]`, 400, "invalid_body", "Payload validation error"},
		{"add: connection_id missing", "POST", pairs, `{"show_as_button":true}`, 400, "invalid_body", "Missing required property: connection_id"},
		{"add: connection_id number", "POST", pairs, `{"connection_id":7}`, 400, "invalid_body", "Expected type string but found type number on property connection_id"},
		{"add: connection_id null", "POST", pairs, `{"connection_id":null}`, 400, "invalid_body", "Expected type string but found type null on property connection_id"},
		{"add: connection_id empty", "POST", pairs, `{"connection_id":""}`, 400, "invalid_body", "String length (0) not within 1-50 on property connection_id"},
		{"add: connection_id too long", "POST", pairs, `{"connection_id":"` + long + `"}`, 400, "invalid_body", "String length (51) not within 1-50"},
		{"add: unknown field", "POST", pairs, add(`,"colour":"red"`), 400, "invalid_body", "Additional properties not allowed: colour"},
		{"add: name empty", "POST", pairs, add(`,"organization_connection_name":""`), 400, "invalid_body", "String length (0) not within 1-50 on property organization_connection_name"},
		{"add: name too long", "POST", pairs, add(`,"organization_connection_name":"` + long + `"`), 400, "invalid_body", "not within 1-50 on property organization_connection_name"},
		{"add: name with NUL", "POST", pairs, add(`,"organization_connection_name":"a\u0000b"`), 400, "invalid_body", "does not match pattern"},
		{"add: name number", "POST", pairs, add(`,"organization_connection_name":5`), 400, "invalid_body", "Expected type string but found type number on property organization_connection_name"},
		{"add: membership string", "POST", pairs, add(`,"assign_membership_on_login":"yes"`), 400, "invalid_body", "Expected type boolean but found type string on property assign_membership_on_login"},
		{"add: membership null", "POST", pairs, add(`,"assign_membership_on_login":null`), 400, "invalid_body", "found type null on property assign_membership_on_login"},
		{"add: button null", "POST", pairs, add(`,"show_as_button":null`), 400, "invalid_body", "found type null on property show_as_button"},
		{"add: signup number", "POST", pairs, add(`,"is_signup_enabled":1`), 400, "invalid_body", "found type number on property is_signup_enabled"},
		{"add: is_enabled null", "POST", pairs, add(`,"is_enabled":null`), 400, "invalid_body", "found type null on property is_enabled"},
		{"add: access level outside the enum", "POST", pairs, add(`,"organization_access_level":"admin"`), 400, "invalid_body", `No enum match for: "admin" on property organization_access_level`},
		{"add: access level null", "POST", pairs, add(`,"organization_access_level":null`), 400, "invalid_body", "No enum match for: null"},
		{"add: signup without membership", "POST", pairs, add(`,"is_signup_enabled":true`), 400, "invalid_body", "is_signup_enabled can only be true when assign_membership_on_login is true"},
		{"add: organization id too long", "POST", orgs + long + "/connections", add(""), 400, "invalid_uri", "String is too long (51 chars), maximum 50' on property id"},
		{"add: unknown organization", "POST", orgs + "org_unknown000000001/connections", add(""), 404, "", "No organization found by that id or name"},
		{"add: unknown connection", "POST", pairs, `{"connection_id":"con_nope"}`, 404, "inexistent_connection", "The connection does not exist"},
		{"add: pair exists", "POST", pairs, `{"connection_id":"` + sbauth0.ConOkta + `"}`, 409, "organization_connection_conflict", "already enabled"},

		// GET …/connections/{connection_id}
		{"get: minimal", "GET", linked, "", 200, "", ""},
		{"get: connection id too long", "GET", pairs + "/" + long, "", 400, "invalid_uri", "on property connection_id"},
		{"get: organization id too long", "GET", orgs + long + "/connections/" + sbauth0.ConOkta, "", 400, "invalid_uri", "on property id"},
		{"get: unknown organization", "GET", orgs + "org_unknown000000001/connections/" + sbauth0.ConOkta, "", 404, "", "No organization found by that id or name"},
		{"get: pair not added", "GET", unlinked, "", 404, "inexistent_connection", "The connection does not exist"},

		// PATCH …/connections/{connection_id}
		{"update: empty body", "PATCH", linked, `{}`, 200, "", ""},
		{"update: nulls reset", "PATCH", linked, `{"organization_connection_name":null,"organization_access_level":null,"is_enabled":null}`, 200, "", ""},
		{"update: connection_id in body", "PATCH", linked, `{"connection_id":"x"}`, 400, "invalid_body", "Additional properties not allowed: connection_id"},
		{"update: unknown field", "PATCH", linked, `{"colour":"red"}`, 400, "invalid_body", "Additional properties not allowed: colour"},
		{"update: not JSON", "PATCH", linked, `nope`, 400, "invalid_body", "Payload validation error"},
		{"update: access level outside the enum", "PATCH", linked, `{"organization_access_level":"owner"}`, 400, "invalid_body", "No enum match"},
		{"update: is_enabled string", "PATCH", linked, `{"is_enabled":"no"}`, 400, "invalid_body", "Expected type boolean but found type string on property is_enabled"},
		{"update: button null", "PATCH", linked, `{"show_as_button":null}`, 400, "invalid_body", "found type null on property show_as_button"},
		{"update: name too long", "PATCH", linked, `{"organization_connection_name":"` + long + `"}`, 400, "invalid_body", "not within 1-50"},
		{"update: signup on a pair without membership", "PATCH", linked, `{"is_signup_enabled":true}`, 400, "invalid_body", "is_signup_enabled can only be true when assign_membership_on_login is true"},
		{"update: signup with membership", "PATCH", linked, `{"is_signup_enabled":true,"assign_membership_on_login":true}`, 200, "", ""},
		{"update: bad body on a pair not added", "PATCH", unlinked, `{"is_enabled":"no"}`, 400, "invalid_body", "on property is_enabled"},
		{"update: pair not added", "PATCH", unlinked, `{"is_enabled":false}`, 404, "inexistent_connection", "The connection does not exist"},
		{"update: unknown organization", "PATCH", orgs + "org_unknown000000001/connections/" + sbauth0.ConOkta, `{}`, 404, "", "No organization found by that id or name"},
		{"update: connection id too long", "PATCH", pairs + "/" + long, `{}`, 400, "invalid_uri", "on property connection_id"},

		// DELETE …/connections/{connection_id}
		{"delete: minimal", "DELETE", linked, "", 204, "", ""},
		{"delete: pair not added", "DELETE", unlinked, "", 204, "", ""},
		{"delete: unknown organization", "DELETE", orgs + "org_unknown000000001/connections/" + sbauth0.ConOkta, "", 404, "", "No organization found by that id or name"},
		{"delete: connection id too long", "DELETE", pairs + "/" + long, "", 400, "invalid_uri", "on property connection_id"},

		// GET …/connections
		{"list: no query", "GET", pairs, "", 200, "", ""},
		{"list: every parameter", "GET", pairs + "?page=0&per_page=100&include_totals=true&is_enabled=true", "", 200, "", ""},
		{"list: page negative", "GET", pairs + "?page=-1", "", 400, "invalid_query_string", "on property page"},
		{"list: page not a number", "GET", pairs + "?page=first", "", 400, "invalid_query_string", "on property page"},
		{"list: per_page zero", "GET", pairs + "?per_page=0", "", 400, "invalid_query_string", "'per_page' must be between 1 and 100"},
		{"list: per_page above 100", "GET", pairs + "?per_page=101", "", 400, "invalid_query_string", "'per_page' must be between 1 and 100"},
		{"list: include_totals not a boolean", "GET", pairs + "?include_totals=yes", "", 400, "invalid_query_string", "on property include_totals"},
		{"list: is_enabled not a boolean", "GET", pairs + "?is_enabled=maybe", "", 400, "invalid_query_string", "on property is_enabled"},
		{"list: organization id too long", "GET", orgs + long + "/connections", "", 400, "invalid_uri", "on property id"},
		{"list: unknown organization", "GET", orgs + "org_unknown000000001/connections", "", 404, "", "No organization found by that id or name"},

		// POST /oauth/token
		{"token: minimal JSON", "POST", "/oauth/token", tok("client_credentials", creds.Auth0ClientID, creds.Auth0ClientSecret, aud), 200, "", ""},
		{"token: minimal form", "POST", "/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {creds.Auth0ClientID}, "client_secret": {creds.Auth0ClientSecret}, "audience": {aud}}.Encode(), 200, "", ""},
		{"token: not JSON", "POST", "/oauth/token", `{`, 400, "invalid_request", "malformed JSON body"},
		{"token: client_id number", "POST", "/oauth/token", `{"grant_type":"client_credentials","client_id":7}`, 400, "invalid_request", "malformed JSON body"},
		{"token: grant_type missing", "POST", "/oauth/token", tok("", creds.Auth0ClientID, creds.Auth0ClientSecret, aud), 403, "unsupported_grant_type", "Unsupported grant type"},
		{"token: other grant_type", "POST", "/oauth/token", tok("password", creds.Auth0ClientID, creds.Auth0ClientSecret, aud), 403, "unsupported_grant_type", "Unsupported grant type: password"},
		{"token: client_id missing", "POST", "/oauth/token", tok("client_credentials", "", creds.Auth0ClientSecret, aud), 401, "access_denied", "Unauthorized"},
		{"token: wrong secret", "POST", "/oauth/token", tok("client_credentials", creds.Auth0ClientID, "wrong", aud), 401, "access_denied", "Unauthorized"},
		{"token: audience missing", "POST", "/oauth/token", tok("client_credentials", creds.Auth0ClientID, creds.Auth0ClientSecret, ""), 403, "access_denied", "Service not found"},
		{"token: audience of another API", "POST", "/oauth/token", tok("client_credentials", creds.Auth0ClientID, creds.Auth0ClientSecret, "https://api.example.com"), 403, "access_denied", "Service not found: https://api.example.com"},
	}
	for _, c := range rules {
		t.Run(c.name, func(t *testing.T) {
			sb := sandbox.NewWithCredentials(creds)
			srv := httptest.NewServer(sb)
			defer srv.Close()
			api := (&sandboxAPI{url: srv.URL, token: creds.Auth0Token})
			if st, _ := api.do(t, "POST", pairs, `{"connection_id":"`+sbauth0.ConOkta+`"}`, false); st != 201 {
				t.Fatalf("arranging the pair: %d", st)
			}
			before := sb.Objects("auth0")
			form := c.path == "/oauth/token" && c.body != "" && !strings.HasPrefix(c.body, "{")
			status, body := api.do(t, c.method, c.path, c.body, form)
			if status != c.status {
				t.Fatalf("want %d, got %d %s", c.status, status, body)
			}
			if status < 300 {
				return
			}
			var e map[string]any
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("error body is not JSON: %s", body)
			}
			code, msg := e["errorCode"], e["message"]
			if c.path == "/oauth/token" {
				code, msg = e["error"], e["error_description"]
			} else if e["statusCode"] != float64(c.status) || e["error"] != http.StatusText(c.status) {
				t.Errorf("not Auth0's error shape: %s", body)
			}
			if (c.code == "" && code != nil) || (c.code != "" && code != c.code) {
				t.Errorf("want code %q, got %v in %s", c.code, code, body)
			}
			if s, _ := msg.(string); !strings.Contains(s, c.message) {
				t.Errorf("want message containing %q, got %s", c.message, body)
			}
			if after := sb.Objects("auth0"); !reflect.DeepEqual(before, after) {
				t.Errorf("a rejected request changed the tenant:\n%v\n%v", before, after)
			}
		})
	}
}

// A page past the end answers start = page*per_page, limit 0 and an empty
// page, with the total still counted (issue 13, point 5).
func TestListPastTheEnd(t *testing.T) {
	creds := sandbox.DefaultCredentials()
	srv := httptest.NewServer(sandbox.NewWithCredentials(creds))
	defer srv.Close()
	api := &sandboxAPI{url: srv.URL, token: creds.Auth0Token}
	for _, con := range []string{sbauth0.ConDatabase, sbauth0.ConOkta, sbauth0.ConGitHub} {
		if st, _ := api.do(t, "POST", pairs, `{"connection_id":"`+con+`"}`, false); st != 201 {
			t.Fatal(st)
		}
	}
	for _, c := range []struct {
		query string
		want  string
	}{
		{"page=0&per_page=2", `{"start":0,"limit":2,"total":3}`},
		{"page=1&per_page=2", `{"start":2,"limit":1,"total":3}`},
		{"page=2&per_page=2", `{"connections":[],"start":4,"limit":0,"total":3}`},
		{"page=7&per_page=100", `{"connections":[],"start":700,"limit":0,"total":3}`},
	} {
		st, body := api.do(t, "GET", pairs+"?include_totals=true&"+c.query, "", false)
		var got, want map[string]any
		_ = json.Unmarshal(body, &got)
		_ = json.Unmarshal([]byte(c.want), &want)
		for k, v := range want {
			if st != 200 || !reflect.DeepEqual(got[k], v) {
				t.Errorf("%s: want %s = %v, got %d %s", c.query, k, v, st, body)
			}
		}
	}
}

type sandboxAPI struct{ url, token string }

func (a *sandboxAPI) do(t *testing.T, method, path, body string, form bool) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, a.url+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if path != "/oauth/token" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	switch {
	case form:
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case body != "":
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}
