package tiledb_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/tiledb"
)

func server(t *testing.T) (*tiledb.Emulator, func(method, path, body string) (int, map[string]any)) {
	t.Helper()
	e := tiledb.New(tiledb.Options{APIKey: "k", Namespaces: []string{"ns"}})
	mux := http.NewServeMux()
	for _, r := range e.Routes() {
		mux.HandleFunc(r.Pattern, r.Handler)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return e, func(method, path, body string) (int, map[string]any) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
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
}

func TestWire(t *testing.T) {
	e, call := server(t)
	aws := `{"name":"a","credential":{"aws":{"access_key_id":"AK","secret_access_key":"SK"}}}`
	cases := []struct {
		method, path, body string
		status             int
		msg                string
	}{
		{"POST", "/v2/credentials/ns", `{"name":"x","bucket":"b","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 400, `unknown field "bucket"`},
		{"POST", "/v2/credentials/ns", `{"name":"x","credential":{"aws":{"access_key_id":"A","secret_access_key":"S","bucket":"b"}}}`, 400, "invalid credential"},
		{"POST", "/v2/credentials/ns", `{"name":"x","credential":null}`, 400, "exactly one of"},
		{"POST", "/v2/credentials/ns", `{"name":"x","provider_default":"yes","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 400, "expected a boolean"},
		{"POST", "/v2/credentials/ns", `{"name":"x","role":{"aws":{"role_arn":"nope","external_id":"e"}}}`, 400, "must be an ARN"},
		{"POST", "/v2/credentials/ns", `[]`, 400, "invalid request body"},
		{"POST", "/v2/credentials/ns", aws, 204, ""},
		{"PATCH", "/v2/credentials/ns/a", `{"name":"b"}`, 400, "cannot be renamed"},
		{"PATCH", "/v2/credentials/ns/a", `{"provider_default":null,"allowed_in_tasks":true}`, 204, ""},
		{"PATCH", "/v2/credentials/ns/missing", `{}`, 404, "credential missing not found"},
		{"GET", "/v2/credentials/ns?page=0", "", 400, "invalid page"},
		{"GET", "/v2/credentials/ns?type=bucket", "", 400, "invalid type"},
		{"GET", "/v2/credentials/other", "", 404, "namespace other not found"},
		{"DELETE", "/v2/credentials/ns/missing", "", 404, "not found"},
	}
	for _, c := range cases {
		status, body := call(c.method, c.path, c.body)
		if status != c.status {
			t.Errorf("%s %s %s: want %d, got %d %v", c.method, c.path, c.body, c.status, status, body)
			continue
		}
		if c.msg != "" {
			if msg, _ := body["message"].(string); !strings.Contains(msg, c.msg) || body["request_id"] == "" || body["code"] == nil {
				t.Errorf("%s %s: want message %q with code and request_id, got %v", c.method, c.path, c.msg, body)
			}
		}
	}
	status, got := call("GET", "/v2/credentials/ns/a", "")
	if status != 200 || got["allowed_in_tasks"] != true || got["provider_default"] != false || got["provider"] != "AWS" {
		t.Fatalf("after PATCH: %d %v", status, got)
	}
	if strings.Contains(string(must(json.Marshal(got))), "SK") {
		t.Fatalf("secret returned: %v", got)
	}
	// A page past the end is empty, with the totals.
	_, page := call("GET", "/v2/credentials/ns?page=3&per_page=1", "")
	if items := page["credentials"].([]any); len(items) != 0 {
		t.Fatalf("page 3: %v", page)
	}
	if m := page["pagination_metadata"].(map[string]any); m["total_items"] != 1.0 || m["total_pages"] != 1.0 || m["page"] != 3.0 {
		t.Fatalf("metadata: %v", m)
	}
	// Out-of-band edits keep provider consistent with the kind.
	if err := e.Edit("ns/a", json.RawMessage(`{"credential":null,"token":{"azure":{"account_name":"acct","sas_token":"t"}}}`)); err != nil {
		t.Fatal(err)
	}
	if _, got := call("GET", "/v2/credentials/ns/a", ""); got["provider"] != "AZURE" {
		t.Fatalf("after edit: %v", got)
	}
	if err := e.Edit("ns/none", json.RawMessage(`{}`)); err != emu.ErrNoObject {
		t.Fatalf("edit of a missing object: %v", err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
