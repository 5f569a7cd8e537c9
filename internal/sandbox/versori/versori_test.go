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
	org = "01JD0RG0000000000000000000"
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
	return callOrg(t, srv, org, method, path, body)
}

func callOrg(t *testing.T, srv *httptest.Server, o, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+"/v1/o/"+o+path, strings.NewReader(body))
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

// apiKeyEnv is an EnvironmentCreate binding the fixture API key credential.
const apiKeyEnv = `{"name":"p","variables":[],"credentials":{"action":[{"authSchemeConfig":{"schemeType":"api-key","name":"k","in":"header"},"credential":{"id":"` + versori.CredAPIKey + `"}}]}}`

func TestIDsAndFixtures(t *testing.T) {
	for _, id := range []string{org, versori.CredNone, versori.CredAPIKey, versori.CredHMAC, versori.CredBasic, versori.CredOAuthClient, versori.CredOAuthToken, versori.CredGoogle} {
		if !versori.IsULID(id) {
			t.Errorf("%s is not a ULID", id)
		}
	}
	e, srv := start(t)
	added := e.AddCredential(org, "string", "extra")
	status, c := call(t, srv, "POST", "/protocols/http/connections",
		`{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[],"environments":[{"name":"p","variables":[],"credentials":{"action":[{"authSchemeConfig":{"schemeType":"api-key","name":"k","in":"header"},"credential":{"id":"`+added+`"}}]}}]}`)
	if status != 201 || !versori.IsULID(c["id"].(string)) || !versori.IsULID(added) {
		t.Fatalf("create %d %v", status, c)
	}
	env := c["environments"].([]any)[0].(map[string]any)
	b := env["credentials"].(map[string]any)["action"].([]any)[0].(map[string]any)
	cred := b["credential"].(map[string]any)
	// Seed 002's shape: the binding's own id beside the credential's.
	if cred["id"] != added || b["id"] == added || !versori.IsULID(b["id"].(string)) {
		t.Fatalf("binding %v", b)
	}
	if cred["name"] != "extra" || len(cred["usages"].([]any)) != 1 {
		t.Fatalf("credential expansion %v", cred)
	}
	if versions := c["versions"].([]any); len(versions) != 1 || versions[0].(map[string]any)["publishedAt"] != nil {
		t.Fatalf("versions %v", c["versions"])
	}
}

func TestRedaction(t *testing.T) {
	_, srv := start(t)
	status, c := call(t, srv, "POST", "/protocols/http/connections", `{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[],
		"environments":[{"name":"p","variables":[],"credentials":{"action":[
			{"authSchemeConfig":{"schemeType":"basic-auth"},"credential":{"id":"`+versori.CredBasic+`"}},
			{"authSchemeConfig":{"schemeType":"api-key","name":"k","in":"query"},"credential":{"name":"inline","type":"string","data":{"value":"sbx-inline-secret"}}}]}}]}`)
	raw := toJSON(c)
	if status != 201 || strings.Contains(raw, "sbx-secret") || strings.Contains(raw, "sbx-inline-secret") || !strings.Contains(raw, `"username":"sandbox"`) {
		t.Fatalf("secrets must be redacted, other data kept: %d %s", status, raw)
	}
	_, cr := call(t, srv, "GET", "/credentials/"+versori.CredBasic, "")
	if toJSON(cr["data"]) != `{"password":"\u003credacted\u003e","username":"sandbox"}` {
		t.Fatalf("GetCredential data %s", toJSON(cr["data"]))
	}
	_, page := call(t, srv, "GET", "/credentials?first=2", "")
	items := page["credentials"].([]any)
	if page["totalCount"].(float64) != 8 || len(items) != 2 || page["next"] == nil || items[0].(map[string]any)["data"] != nil {
		t.Fatalf("ListCredentials %v", page)
	}
}

func TestPutSemantics(t *testing.T) {
	e, srv := start(t)
	_, c := call(t, srv, "POST", "/protocols/http/connections",
		`{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[{"schemeType":"none"}],"environmentVariables":[{"name":"r","value":"eu"}],"environments":[{"name":"p","credentials":{},"variables":[{"name":"own","value":"1"}]}]}`)
	id := c["id"].(string)
	envID := c["environments"].([]any)[0].(map[string]any)["id"].(string)
	time.Sleep(10 * time.Millisecond)
	head := `"id":"` + id + `","organisationId":"` + org + `","name":"b","protocol":"http","baseUrl":"https://a.example.com"`

	// Omitted lists are kept.
	status, body := call(t, srv, "PUT", "/connections/"+id, `{`+head+`}`)
	if status != 200 || len(body["authSchemeConfigs"].([]any)) != 1 || len(body["environments"].([]any)) != 1 || body["updatedAt"] == c["updatedAt"] {
		t.Fatalf("omitted lists: %d %v", status, body)
	}

	// A changed default reaches the environment; its own variable stays.
	status, body = call(t, srv, "PUT", "/connections/"+id, `{`+head+`,"environmentVariables":[{"name":"r","value":"us"}]}`)
	vars := toJSON(body["environments"].([]any)[0].(map[string]any)["variables"])
	if status != 200 || vars != `[{"name":"r","value":"us"},{"name":"own","value":"1"}]` {
		t.Fatalf("propagation: %d %s", status, vars)
	}

	// The existing environment repeated unchanged, a new one added.
	status, body = call(t, srv, "PUT", "/connections/"+id, `{`+head+`,"environments":[{"id":"`+envID+`","name":"p"},`+apiKeyEnv+`]}`)
	if status != 400 || !strings.Contains(toJSON(body["fields"]), `"field":"environments[1].name"`) {
		t.Fatalf("duplicate name: %d %v", status, body)
	}
	status, body = call(t, srv, "PUT", "/connections/"+id, `{`+head+`,"environments":[{"id":"`+envID+`","name":"p"},`+strings.Replace(apiKeyEnv, `"p"`, `"q"`, 1)+`]}`)
	if envs := body["environments"].([]any); status != 200 || len(envs) != 2 || envs[0].(map[string]any)["id"] != envID {
		t.Fatalf("repeat and add: %d %v", status, body)
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

	// Out-of-band edits; unknown keys are ErrNoObject.
	if err := e.Edit(org+"/"+id, json.RawMessage(`{"name":"edited"}`)); err != nil {
		t.Fatal(err)
	}
	if err := e.Edit(org+"/nope", json.RawMessage(`{}`)); err != emu.ErrNoObject {
		t.Fatalf("edit unknown: %v", err)
	}
}

func TestDeleteInUse(t *testing.T) {
	e, srv := start(t)
	mk := func() string {
		_, c := call(t, srv, "POST", "/protocols/http/connections", `{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[],"environments":[]}`)
		return c["id"].(string)
	}
	for _, tc := range []struct {
		mark   string
		status int
		code   string
	}{
		// v1alpha1 DeleteConnection: "in use by another product then a 409 Conflict".
		{`true`, 409, "conflict"},
		// v1 DeleteConnection: '412': Precondition Failed, with the Error body.
		{`412`, 412, "failed_precondition"},
	} {
		id := mk()
		if err := e.Edit(org+"/"+id, json.RawMessage(`{"`+versori.InUseKey+`":`+tc.mark+`}`)); err != nil {
			t.Fatal(err)
		}
		status, body := call(t, srv, "DELETE", "/connections/"+id, "")
		if status != tc.status || body["code"] != tc.code || body["message"] == nil || body["cause"] == nil {
			t.Fatalf("in use (%s): %d %v", tc.mark, status, body)
		}
		if status, _ = call(t, srv, "DELETE", "/connections/"+id+"?force=false", ""); status != tc.status {
			t.Fatalf("force=false: %d", status)
		}
		if status, _ = call(t, srv, "DELETE", "/connections/"+id+"?force=true", ""); status != 204 {
			t.Fatalf("force delete %d", status)
		}
		if status, body = call(t, srv, "GET", "/connections/"+id, ""); status != 404 || body["code"] != "not_found" {
			t.Fatalf("after delete %d %v", status, body)
		}
		if status, _ = call(t, srv, "DELETE", "/connections/"+id, ""); status != 404 {
			t.Fatalf("second delete %d", status)
		}
	}
	if err := e.Edit(org+"/"+mk(), json.RawMessage(`{"`+versori.InUseKey+`":500}`)); err == nil {
		t.Fatal("an in-use status other than 409/412 was taken")
	}
	req, _ := http.NewRequest("GET", srv.URL+"/v1/o/"+org+"/connections", bytes.NewReader(nil))
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 401 {
		t.Fatalf("without a key: %v %v", err, resp)
	}
	resp.Body.Close()
}

func TestListCursors(t *testing.T) {
	e, srv := start(t)
	for _, n := range []string{"c", "a", "b"} {
		call(t, srv, "POST", "/protocols/http/connections", `{"name":"`+n+`","baseUrl":"https://x.example.com","authSchemeConfigs":[],"environments":[]}`)
	}
	call(t, srv, "POST", "/protocols/bigquery/connections", `{"name":"w","datasetId":"my-project.sales","environments":[]}`)
	_, p1 := call(t, srv, "GET", "/connections?first=2&sort=name:asc&protocol=http", "")
	if p1["totalCount"].(float64) != 3 || len(p1["connections"].([]any)) != 2 || p1["next"] == nil || p1["prev"] != nil {
		t.Fatalf("page 1 %v", p1)
	}
	_, p2 := call(t, srv, "GET", "/connections?first=2&sort=name:asc&protocol=http&after="+p1["next"].(string), "")
	items := p2["connections"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["name"] != "c" || p2["next"] != nil || p2["prev"] == nil {
		t.Fatalf("page 2 %v", p2)
	}
	// Default order: most recently updated first.
	e.Edit(org+"/"+idOf(t, srv, "b"), json.RawMessage(`{"updatedAt":"2099-01-01T00:00:00Z"}`))
	if _, all := call(t, srv, "GET", "/connections", ""); !strings.HasPrefix(namesOf(all), "b ") {
		t.Fatalf("default order: %s", namesOf(all))
	}
	// protocol is a case-insensitive substring match.
	for q, want := range map[string]string{"HTTP": "a b c", "big": "w", "Q": "w", "soap": ""} {
		_, page := call(t, srv, "GET", "/connections?sort=name:asc&protocol="+q, "")
		if got := namesOf(page); got != want {
			t.Errorf("protocol=%s: %q, want %q", q, got, want)
		}
	}
	_, desc := call(t, srv, "GET", "/connections?sort=protocol:asc", "")
	if desc["code"] != "invalid_argument" {
		t.Fatalf("unknown sort key accepted: %v", desc)
	}
	_, multi := call(t, srv, "GET", "/connections?sort=name:desc,id:asc", "")
	if namesOf(multi) != "w c b a" {
		t.Fatalf("multi-column sort: %s", namesOf(multi))
	}
}

func idOf(t *testing.T, srv *httptest.Server, name string) string {
	t.Helper()
	_, page := call(t, srv, "GET", "/connections", "")
	for _, c := range page["connections"].([]any) {
		if m := c.(map[string]any); m["name"] == name {
			return m["id"].(string)
		}
	}
	t.Fatalf("no connection %q", name)
	return ""
}

func namesOf(page map[string]any) string {
	var names []string
	for _, c := range page["connections"].([]any) {
		names = append(names, c.(map[string]any)["name"].(string))
	}
	return strings.Join(names, " ")
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
