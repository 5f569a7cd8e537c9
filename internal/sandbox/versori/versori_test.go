package versori_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
)

const (
	key = "k"
	org = "01JORG0000000000000000000A"
)

func start(t *testing.T) (*versori.Emulator, *httptest.Server) {
	t.Helper()
	e := versori.New(versori.Options{APIKey: key, Organisations: []string{org}, Prefix: "/v1"})
	mux := http.NewServeMux()
	for _, rt := range e.Routes() {
		h := rt.Handler
		mux.HandleFunc(rt.Pattern, func(w http.ResponseWriter, r *http.Request) {
			if !e.Authorized(r) {
				e.WriteError(w, http.StatusUnauthorized, "unauthenticated")
				return
			}
			h(w, r)
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return e, srv
}

func call(t *testing.T, srv *httptest.Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+"/v1/o/"+org+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

func TestIDsAndFixtures(t *testing.T) {
	for _, id := range []string{versori.CredNone, versori.CredAPIKey, versori.CredHMAC, versori.CredBasic, versori.CredOAuthClient, versori.CredOAuthToken, versori.CredGoogle} {
		if !versori.IsULID(id) {
			t.Errorf("fixture %s is not a ULID", id)
		}
	}
	e, srv := start(t)
	added := e.AddCredential(org, "string", "extra")
	status, c := call(t, srv, "POST", "/protocols/http/connections",
		`{"name":"a","baseUrl":"https://a.example.com","environments":[{"name":"p","credentials":{"action":[{"id":"`+added+`","authSchemeConfig":{"schemeType":"api-key","name":"k","in":"header"}}]}}]}`)
	if status != 201 || !versori.IsULID(c["id"].(string)) || !versori.IsULID(added) {
		t.Fatalf("create %d %v", status, c)
	}
	env := c["environments"].([]any)[0].(map[string]any)
	cred := env["credentials"].(map[string]any)["action"].([]any)[0].(map[string]any)["credential"].(map[string]any)
	if cred["name"] != "extra" || len(cred["usages"].([]any)) != 1 {
		t.Fatalf("credential expansion %v", cred)
	}
	if versions := c["versions"].([]any); len(versions) != 1 {
		t.Fatalf("versions %v", c["versions"])
	}
}

func TestPutSemantics(t *testing.T) {
	e, srv := start(t)
	_, c := call(t, srv, "POST", "/protocols/http/connections",
		`{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[{"schemeType":"none"}],"environmentVariables":[{"name":"r","value":"eu"}],"environments":[{"name":"p","variables":[{"name":"own","value":"1"}]}]}`)
	id := c["id"].(string)
	envID := c["environments"].([]any)[0].(map[string]any)["id"].(string)
	time.Sleep(10 * time.Millisecond)

	// Omitted lists are kept, protocol cannot change, id must match.
	status, body := call(t, srv, "PUT", "/connections/"+id, `{"id":"`+id+`","organisationId":"`+org+`","name":"b","protocol":"bigquery","baseUrl":"https://a.example.com"}`)
	if status != 400 || !strings.Contains(toJSON(body["fields"]), `"field":"protocol","message":"cannot be changed from http"`) {
		t.Fatalf("protocol change: %d %v", status, body)
	}
	status, body = call(t, srv, "PUT", "/connections/"+id, `{"id":"`+id+`","organisationId":"`+org+`","name":"b","protocol":"http","baseUrl":"https://a.example.com"}`)
	if status != 200 || len(body["authSchemeConfigs"].([]any)) != 1 || len(body["environments"].([]any)) != 1 || body["updatedAt"] == c["updatedAt"] {
		t.Fatalf("omitted lists: %d %v", status, body)
	}

	// A changed default reaches the environment; its own variable stays.
	status, body = call(t, srv, "PUT", "/connections/"+id, `{"id":"`+id+`","organisationId":"`+org+`","name":"b","protocol":"http","baseUrl":"https://a.example.com",
		"environmentVariables":[{"name":"r","value":"us"}]}`)
	vars := toJSON(body["environments"].([]any)[0].(map[string]any)["variables"])
	if status != 200 || vars != `[{"name":"r","value":"us"},{"name":"own","value":"1"}]` {
		t.Fatalf("propagation: %d %s", status, vars)
	}

	// Unknown environment id, duplicate names.
	status, body = call(t, srv, "PUT", "/connections/"+id, `{"id":"`+id+`","organisationId":"`+org+`","name":"b","protocol":"http","baseUrl":"https://a.example.com",
		"environments":[{"id":"01JNOPE0000000000000000000","name":"x"},{"name":"n"},{"name":"n"}]}`)
	fields := toJSON(body["fields"])
	if status != 400 || !strings.Contains(fields, `environments[0].id`) || !strings.Contains(fields, `environments[2].name`) {
		t.Fatalf("environment rules: %d %s", status, fields)
	}

	// UpdateEnvironment: variables absent = unchanged, [] = delete all.
	status, body = call(t, srv, "PUT", "/connections/"+id+"/environments/"+envID, `{"id":"`+envID+`","name":"p2"}`)
	if status != 200 || body["name"] != "p2" || len(body["variables"].([]any)) != 2 {
		t.Fatalf("env update: %d %v", status, body)
	}
	status, body = call(t, srv, "PUT", "/connections/"+id+"/environments/"+envID, `{"id":"`+envID+`","name":"p2","variables":[]}`)
	if status != 200 || len(body["variables"].([]any)) != 0 {
		t.Fatalf("env update []: %d %v", status, body)
	}

	// Out-of-band: Edit marks in use; DELETE without force is 409.
	if err := e.Edit(org+"/"+id, json.RawMessage(`{"`+versori.InUseKey+`":true,"name":"edited"}`)); err != nil {
		t.Fatal(err)
	}
	if err := e.Edit(org+"/nope", json.RawMessage(`{}`)); err != emu.ErrNoObject {
		t.Fatalf("edit unknown: %v", err)
	}
	status, body = call(t, srv, "DELETE", "/connections/"+id, "")
	if status != 409 || body["code"] != "conflict" || body["cause"] == nil {
		t.Fatalf("in use: %d %v", status, body)
	}
	if status, _ = call(t, srv, "DELETE", "/connections/"+id+"?force=true", ""); status != 204 {
		t.Fatalf("force delete %d", status)
	}
	if status, body = call(t, srv, "GET", "/connections/"+id, ""); status != 404 || body["code"] != "not_found" {
		t.Fatalf("after delete %d %v", status, body)
	}
}

func TestCreateRules(t *testing.T) {
	_, srv := start(t)
	status, body := call(t, srv, "POST", "/protocols/bigquery/connections", `{"name":"w","datasetId":"p.d","baseUrl":"https://x"}`)
	fields := toJSON(body["fields"])
	if status != 400 || !strings.Contains(fields, "datasetId") || !strings.Contains(fields, "baseUrl") {
		t.Fatalf("bigquery rules: %d %s", status, fields)
	}
	if status, _ = call(t, srv, "POST", "/protocols/http/connections", `{"name":"w","baseUrl":"https://x","extra":1}`); status != 400 {
		t.Fatalf("unknown field accepted: %d", status)
	}
	if status, body = call(t, srv, "POST", "/protocols/soap/connections", `{}`); status != 404 || body["code"] != "not_found" {
		t.Fatalf("unknown protocol: %d %v", status, body)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/v1/o/"+org+"/connections", bytes.NewReader(nil))
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 401 {
		t.Fatalf("without a key: %v %v", err, resp)
	}
	resp.Body.Close()
}

func TestListCursors(t *testing.T) {
	_, srv := start(t)
	for _, n := range []string{"c", "a", "b"} {
		call(t, srv, "POST", "/protocols/http/connections", `{"name":"`+n+`","baseUrl":"https://x.example.com"}`)
	}
	_, p1 := call(t, srv, "GET", "/connections?first=2&sort=name:asc", "")
	if p1["totalCount"].(float64) != 3 || len(p1["connections"].([]any)) != 2 || p1["next"] == nil || p1["prev"] != nil {
		t.Fatalf("page 1 %v", p1)
	}
	_, p2 := call(t, srv, "GET", "/connections?first=2&sort=name:asc&after="+p1["next"].(string), "")
	items := p2["connections"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["name"] != "c" || p2["next"] != nil || p2["prev"] == nil {
		t.Fatalf("page 2 %v", p2)
	}
	if status, _ := call(t, srv, "GET", "/connections?after=bogus", ""); status != 400 {
		t.Fatalf("bad cursor %d", status)
	}
	if status, _ := call(t, srv, "GET", "/connections?first=101", ""); status != 400 {
		t.Fatalf("first=101 %d", status)
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
