package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

func start(t *testing.T) (*sandbox.Server, *httptest.Server, sandbox.Credentials) {
	t.Helper()
	creds := sandbox.DefaultCredentials()
	sb := sandbox.NewWithCredentials(creds)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sb, srv, creds
}

func call(t *testing.T, method, url, token, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return resp, out
}

func TestUnauthorizedInAuth0Shape(t *testing.T) {
	_, srv, _ := start(t)
	resp, body := call(t, "GET", srv.URL+"/api/v2/organizations/"+sbauth0.OrgAcme+"/connections", "wrong", "")
	if resp.StatusCode != 401 || body["statusCode"] != float64(401) || body["error"] != "Unauthorized" || body["message"] == "" {
		t.Fatalf("got %d %v", resp.StatusCode, body)
	}
	if resp.Header.Get("X-Ratelimit-Reset") == "" {
		t.Fatal("rate-limit headers missing on a 401")
	}
}

func TestRateLimitAnswers429WithAuth0Headers(t *testing.T) {
	sb, srv, creds := start(t)
	sb.Configure(sandbox.Settings{RateLimit: 2, RetryAfterOn429: true})
	url := srv.URL + "/api/v2/organizations/" + sbauth0.OrgAcme + "/connections"
	var last *http.Response
	var body map[string]any
	for range 3 {
		last, body = call(t, "GET", url, creds.Auth0Token, "")
	}
	if last.StatusCode != 429 || body["errorCode"] != "too_many_requests" {
		// The window may have turned over between calls; one more try settles it.
		_, _ = call(t, "GET", url, creds.Auth0Token, "")
		last, body = call(t, "GET", url, creds.Auth0Token, "")
	}
	if last.StatusCode != 429 || body["errorCode"] != "too_many_requests" {
		t.Fatalf("want 429 too_many_requests, got %d %v", last.StatusCode, body)
	}
	reset, err := strconv.ParseInt(last.Header.Get("X-Ratelimit-Reset"), 10, 64)
	if err != nil || reset < time.Now().Unix() || reset > time.Now().Unix()+2 {
		t.Fatalf("x-ratelimit-reset %q is not the next epoch second", last.Header.Get("X-Ratelimit-Reset"))
	}
	if last.Header.Get("X-Ratelimit-Remaining") != "0" || last.Header.Get("Retry-After") != "1" {
		t.Fatalf("headers %v", last.Header)
	}
}

func TestControlAPI(t *testing.T) {
	sb, srv, creds := start(t)
	base := srv.URL + "/api/v2/organizations/" + sbauth0.OrgAcme + "/connections"
	resp, _ := call(t, "POST", base, creds.Auth0Token, `{"connection_id":"`+sbauth0.ConDatabase+`"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	_, counts := call(t, "GET", srv.URL+"/_sandbox/counts", "", "")
	routes := counts["routes"].(map[string]any)
	if routes["POST /api/v2/organizations/{id}/connections"] != float64(1) || counts["mutations"] != float64(1) {
		t.Fatalf("counts %v", counts)
	}
	key := sbauth0.OrgAcme + "/" + sbauth0.ConDatabase
	resp, edited := call(t, "PATCH", srv.URL+"/_sandbox/objects/auth0/"+key, "", `{"organization_access_level":"full"}`)
	if resp.StatusCode != 200 || edited["organization_access_level"] != "full" {
		t.Fatalf("edit: %d %v", resp.StatusCode, edited)
	}
	_, got := call(t, "GET", base+"/"+sbauth0.ConDatabase, creds.Auth0Token, "")
	if got["organization_access_level"] != "full" {
		t.Fatalf("edit not visible through the API: %v", got)
	}
	resp, _ = call(t, "DELETE", srv.URL+"/_sandbox/objects/auth0/"+key, "", "")
	if resp.StatusCode != 204 || len(sb.Objects("auth0")) != 0 {
		t.Fatalf("delete: %d %v", resp.StatusCode, sb.Objects("auth0"))
	}
	resp, _ = call(t, "DELETE", srv.URL+"/_sandbox/objects/auth0/"+key, "", "")
	if resp.StatusCode != 404 {
		t.Fatalf("second delete: %d", resp.StatusCode)
	}
	call(t, "POST", srv.URL+"/_sandbox/reset", "", "")
	if len(sb.Counts()) != 0 {
		t.Fatalf("reset left %v", sb.Counts())
	}
}

func TestFaultsViaControlAPI(t *testing.T) {
	sb, srv, creds := start(t)
	base := srv.URL + "/api/v2/organizations/" + sbauth0.OrgAcme + "/connections"
	call(t, "POST", srv.URL+"/_sandbox/faults", "", `{"mode":"status","status":503,"method":"GET","retry_after":"2"}`)
	resp, body := call(t, "GET", base, creds.Auth0Token, "")
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "2" || body["statusCode"] != float64(503) {
		t.Fatalf("status fault: %d %v", resp.StatusCode, body)
	}
	if resp, _ = call(t, "GET", base, creds.Auth0Token, ""); resp.StatusCode != 200 {
		t.Fatalf("fault fired twice: %d", resp.StatusCode)
	}

	// Applied, then the answer is dropped: the client sees a broken
	// connection, the sandbox holds the object.
	call(t, "POST", srv.URL+"/_sandbox/faults", "", `{"mode":"drop_after_apply","method":"POST"}`)
	req, _ := http.NewRequest("POST", base, strings.NewReader(`{"connection_id":"`+sbauth0.ConGoogle+`"}`))
	req.Header.Set("Authorization", "Bearer "+creds.Auth0Token)
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("want a dropped connection")
	}
	if _, ok := sb.Objects("auth0")[sbauth0.OrgAcme+"/"+sbauth0.ConGoogle]; !ok {
		t.Fatal("the change was not applied before the drop")
	}

	call(t, "POST", srv.URL+"/_sandbox/faults", "", `{"mode":"reset","method":"POST"}`)
	req, _ = http.NewRequest("POST", base, strings.NewReader(`{"connection_id":"`+sbauth0.ConSAML+`"}`))
	req.Header.Set("Authorization", "Bearer "+creds.Auth0Token)
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("want a reset connection")
	}
	if _, ok := sb.Objects("auth0")[sbauth0.OrgAcme+"/"+sbauth0.ConSAML]; ok {
		t.Fatal("a reset request was applied")
	}
}

func TestRandomErrorsAreSeeded(t *testing.T) {
	statuses := func() string {
		sb, srv, creds := start(t)
		sb.Configure(sandbox.Settings{ErrorRate: 0.5, Seed: 42})
		var b strings.Builder
		for range 20 {
			resp, _ := call(t, "GET", srv.URL+"/api/v2/organizations/"+sbauth0.OrgAcme+"/connections", creds.Auth0Token, "")
			b.WriteString(strconv.Itoa(resp.StatusCode) + " ")
		}
		return b.String()
	}
	a, b := statuses(), statuses()
	if a != b {
		t.Fatalf("same seed, different faults:\n%s\n%s", a, b)
	}
	if !strings.Contains(a, "200") || (!strings.Contains(a, "502") && !strings.Contains(a, "503") && !strings.Contains(a, "504")) {
		t.Fatalf("want a mix of successes and 5xx, got %s", a)
	}
}

func TestAuth0EmulatorValidation(t *testing.T) {
	_, srv, creds := start(t)
	base := srv.URL + "/api/v2/organizations/" + sbauth0.OrgAcme + "/connections"
	cases := []struct {
		method, path, body string
		status             int
		code, message      string
	}{
		{"POST", "", `{"connection_id":"` + sbauth0.ConDatabase + `","colour":"red"}`, 400, "invalid_body", "Additional properties not allowed: colour"},
		{"POST", "", `{"organization_access_level":"none"}`, 400, "invalid_body", "Missing required property: connection_id"},
		{"POST", "", `{"connection_id":"` + sbauth0.ConDatabase + `","organization_access_level":"admin"}`, 400, "invalid_body", "No enum match"},
		{"POST", "", `{"connection_id":"` + sbauth0.ConDatabase + `","organization_access_level":null}`, 400, "invalid_body", "No enum match"},
		{"POST", "", `{"connection_id":"` + sbauth0.ConDatabase + `","organization_connection_name":"` + strings.Repeat("x", 51) + `"}`, 400, "invalid_body", "not within 1-50"},
		{"POST", "", `{"connection_id":"con_nope"}`, 404, "inexistent_connection", "The connection does not exist"},
		{"POST", "", `{"connection_id":"` + sbauth0.ConDatabase + `","is_signup_enabled":true}`, 400, "invalid_body", "assign_membership_on_login"},
		{"GET", "/" + sbauth0.ConDatabase, ``, 404, "inexistent_connection", "does not exist"},
		{"PATCH", "/" + sbauth0.ConDatabase, `{"is_enabled":false}`, 404, "inexistent_connection", "does not exist"},
	}
	for _, c := range cases {
		resp, body := call(t, c.method, base+c.path, creds.Auth0Token, c.body)
		msg, _ := body["message"].(string)
		if resp.StatusCode != c.status || body["errorCode"] != c.code || !strings.Contains(msg, c.message) {
			t.Errorf("%s %s %s: got %d %v", c.method, c.path, c.body, resp.StatusCode, body)
		}
	}
	resp, created := call(t, "POST", base, creds.Auth0Token, `{"connection_id":"`+sbauth0.ConOkta+`"}`)
	if resp.StatusCode != 201 || created["show_as_button"] != true || created["organization_access_level"] != "none" ||
		created["is_enabled"] != true || created["assign_membership_on_login"] != false {
		t.Fatalf("server defaults: %v", created)
	}
	if _, ok := created["is_signup_enabled"]; ok {
		t.Fatalf("is_signup_enabled returned for an enterprise strategy: %v", created)
	}
	if _, ok := created["organization_connection_name"]; ok {
		t.Fatalf("unset name returned: %v", created)
	}
	resp, body := call(t, "PATCH", base+"/"+sbauth0.ConOkta, creds.Auth0Token, `{"connection_id":"x"}`)
	if resp.StatusCode != 400 || !strings.Contains(body["message"].(string), "connection_id") {
		t.Fatalf("connection_id in PATCH: %d %v", resp.StatusCode, body)
	}
	resp, body = call(t, "POST", base, creds.Auth0Token, `{"connection_id":"`+sbauth0.ConOkta+`"}`)
	if resp.StatusCode != 409 || body["error"] != "Conflict" {
		t.Fatalf("duplicate: %d %v", resp.StatusCode, body)
	}
	resp, page := call(t, "GET", base+"?include_totals=true&per_page=1&page=0", creds.Auth0Token, "")
	if resp.StatusCode != 200 || page["total"] != float64(1) || page["limit"] != float64(1) || len(page["connections"].([]any)) != 1 {
		t.Fatalf("list: %d %v", resp.StatusCode, page)
	}
	resp, _ = call(t, "GET", base+"?per_page=101", creds.Auth0Token, "")
	if resp.StatusCode != 400 {
		t.Fatalf("per_page=101: %d", resp.StatusCode)
	}
}

func TestClientCredentialsTokenEndpoint(t *testing.T) {
	sb, srv, creds := start(t)
	resp, body := call(t, "POST", srv.URL+"/oauth/token", "", `{"grant_type":"client_credentials","client_id":"`+creds.Auth0ClientID+`","client_secret":"wrong","audience":"https://x/api/v2/"}`)
	if resp.StatusCode != 401 || body["error"] != "access_denied" {
		t.Fatalf("bad secret: %d %v", resp.StatusCode, body)
	}
	resp, body = call(t, "POST", srv.URL+"/oauth/token", "", `{"grant_type":"client_credentials","client_id":"`+creds.Auth0ClientID+`","client_secret":"`+creds.Auth0ClientSecret+`","audience":"https://x/api/v2/"}`)
	tok, _ := body["access_token"].(string)
	if resp.StatusCode != 200 || tok == "" || body["token_type"] != "Bearer" || sb.Auth0().TokensIssued() != 1 {
		t.Fatalf("token: %d %v", resp.StatusCode, body)
	}
	if resp, _ := call(t, "GET", srv.URL+"/api/v2/organizations/"+sbauth0.OrgAcme+"/connections", tok, ""); resp.StatusCode != 200 {
		t.Fatalf("issued token refused: %d", resp.StatusCode)
	}
}
