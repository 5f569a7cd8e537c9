package vectorize

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

const (
	org = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01"
	key = "k"
)

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

type harness struct {
	t   *testing.T
	e   *Emulator
	mux *http.ServeMux
}

func newHarness(t *testing.T) *harness {
	e := New(Options{APIKey: key, Organizations: []string{org}, Prefix: "/v1"})
	mux := http.NewServeMux()
	for _, r := range e.Routes() {
		mux.HandleFunc(r.Pattern, r.Handler)
	}
	return &harness{t: t, e: e, mux: mux}
}

func (h *harness) do(method, path, body string) (int, map[string]any) {
	h.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.mux.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		h.t.Fatalf("%s %s: answer is not a JSON object: %s", method, path, rec.Body)
	}
	return rec.Code, out
}

const sources = "/v1/org/" + org + "/connectors/sources"

func (h *harness) create(body string) string {
	h.t.Helper()
	code, out := h.do("POST", sources, body)
	if code != 200 {
		h.t.Fatalf("create: %d %v", code, out)
	}
	return out["connector"].(map[string]any)["id"].(string)
}

func TestCreateShapes(t *testing.T) {
	h := newHarness(t)
	code, out := h.do("POST", sources, `{"name":"one","type":"FILE_UPLOAD"}`)
	c, _ := out["connector"].(map[string]any)
	if code != 200 || c == nil || !uuidRE.MatchString(c["id"].(string)) || c["name"] != "one" || out["connectors"] != nil {
		t.Fatalf("object create: %d %v", code, out)
	}
	code, out = h.do("POST", sources, `[{"name":"two","type":"FILE_UPLOAD"},{"name":"three","type":"GCS","config":{"bucket-name":"b","service-account-json":"{}"}}]`)
	list, _ := out["connectors"].([]any)
	if code != 200 || len(list) != 2 || out["connector"] != nil {
		t.Fatalf("array create: %d %v", code, out)
	}
	// One bad item in an array creates nothing.
	code, out = h.do("POST", sources, `[{"name":"four","type":"FILE_UPLOAD"},{"name":"five","type":"GCS"}]`)
	if code != 400 || len(h.e.Objects()) != 3 {
		t.Fatalf("partial array create: %d %v, %d objects", code, out, len(h.e.Objects()))
	}
	for _, bad := range []string{`{"type":"FILE_UPLOAD"}`, `{"name":"x"}`, `{"name":"x","type":"FILE_UPLOAD","extra":1}`, `[]`, `"x"`, `{"name":"x","type":"NOPE"}`} {
		if code, out := h.do("POST", sources, bad); code != 400 || out["error"] != "Invalid request" || out["details"] == "" {
			t.Errorf("%s: want 400 {error, details}, got %d %v", bad, code, out)
		}
	}
}

func TestSecretsNeverEchoed(t *testing.T) {
	h := newHarness(t)
	id := h.create(`{"name":"s3","type":"AWS_S3","config":{"bucket-name":"b","access-key":"AK","secret-key":"SK","region":"eu","archiver":false}}`)
	azure := h.create(`{"name":"az","type":"AZURE_BLOB","config":{"storage-account-name":"n","storage-account-key":"AZK","container":"c"}}`)
	gh := h.create(`{"name":"gh","type":"GITHUB","config":{"oauth-token":"GHT"}}`)
	for _, path := range []string{sources + "/" + id, sources + "/" + azure, sources + "/" + gh, sources} {
		code, out := h.do("GET", path, "")
		raw, _ := json.Marshal(out)
		for _, s := range []string{"AK", "SK", "AZK", "GHT"} {
			if strings.Contains(string(raw), `"`+s+`"`) {
				t.Errorf("GET %s echoes %s: %s", path, s, raw)
			}
		}
		if code != 200 {
			t.Errorf("GET %s: %d", path, code)
		}
	}
	_, got := h.do("GET", sources+"/"+id, "")
	doc := got["configDoc"].(map[string]any)
	if doc["bucket-name"] != "b" || doc["region"] != "eu" || doc["archiver"] != false {
		t.Errorf("configDoc %v", doc)
	}
	for _, f := range []string{"createdAt", "createdById", "lastUpdatedById", "createdByEmail", "lastUpdatedByEmail", "verificationStatus"} {
		if got[f] == nil || got[f] == "" {
			t.Errorf("GET lacks %s: %v", f, got)
		}
	}
}

func TestUpdateReplacesConfig(t *testing.T) {
	h := newHarness(t)
	id := h.create(`{"name":"c","type":"WEB_CRAWLER","config":{"seed-urls":["https://a.example"],"max-depth":2}}`)
	code, out := h.do("PATCH", sources+"/"+id, `{"config":{"seed-urls":["https://b.example"]}}`)
	updated := out["data"].(map[string]any)["updatedConnector"].(map[string]any)
	doc := updated["configDoc"].(map[string]any)
	if code != 200 || doc["max-depth"] != nil || doc["seed-urls"].([]any)[0] != "https://b.example" {
		t.Fatalf("PATCH: %d %v", code, out)
	}
	for _, bad := range []string{`{"name":"new"}`, `{"config":{"seed-urls":["https://b.example"]},"type":"GCS"}`, `{"config":[]}`, `{"config":{}}`} {
		if code, out := h.do("PATCH", sources+"/"+id, bad); code != 400 {
			t.Errorf("PATCH %s: want 400, got %d %v", bad, code, out)
		}
	}
	// config is optional in UpdateSourceConnectorRequest: without it nothing changes.
	code, out = h.do("PATCH", sources+"/"+id, `{}`)
	doc = out["data"].(map[string]any)["updatedConnector"].(map[string]any)["configDoc"].(map[string]any)
	if code != 200 || doc["seed-urls"].([]any)[0] != "https://b.example" {
		t.Fatalf("PATCH {}: %d %v", code, out)
	}
}

func TestNotFoundAndForbidden(t *testing.T) {
	h := newHarness(t)
	missing := sources + "/00000000-0000-4000-8000-000000000000"
	for _, m := range []string{"GET", "DELETE"} {
		if code, out := h.do(m, missing, ""); code != 404 || out["error"] != "Not found" {
			t.Errorf("%s missing: %d %v", m, code, out)
		}
	}
	if code, _ := h.do("PATCH", missing, `{"config":{}}`); code != 404 {
		t.Errorf("PATCH missing: %d", code)
	}
	if code, _ := h.do("GET", "/v1/org/other/connectors/sources", ""); code != 403 {
		t.Errorf("other org: %d", code)
	}
	req := httptest.NewRequest("GET", sources, nil)
	if h.e.Authorized(req) {
		t.Error("no token accepted")
	}
	req.Header.Set("Authorization", "Bearer "+key)
	if !h.e.Authorized(req) {
		t.Error("right token refused")
	}
}

// TestListIsOnePage: getSourceConnectors answers `{sourceConnectors}` whole,
// never a nextToken, whatever paging parameters a client sends.
func TestListIsOnePage(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < 120; i++ {
		h.create(fmt.Sprintf(`{"name":"c%03d","type":"FILE_UPLOAD"}`, i))
	}
	for _, q := range []string{"", "?limit=2", "?nextToken=garbage", "?limit=0"} {
		code, out := h.do("GET", sources+q, "")
		list, _ := out["sourceConnectors"].([]any)
		if _, has := out["nextToken"]; code != 200 || len(list) != 120 || has || len(out) != 1 {
			t.Fatalf("GET %s: %d, %d items, keys %d", q, code, len(list), len(out))
		}
		if list[0].(map[string]any)["name"] != "c000" || list[119].(map[string]any)["name"] != "c119" {
			t.Fatalf("GET %s: not in creation order", q)
		}
	}
}

func TestUsers(t *testing.T) {
	h := newHarness(t)
	id := h.create(`{"name":"n","type":"NOTION_OAUTH_MULTI"}`)
	users := sources + "/" + id + "/users"
	if code, out := h.do("POST", users, `{"userId":"u1","selectedFiles":{},"accessToken":"t"}`); code != 200 || out["message"] == nil {
		t.Fatalf("add: %d %v", code, out)
	}
	for _, tc := range []struct {
		method, body string
		want         int
	}{
		{"POST", `{"userId":"u1","selectedFiles":{}}`, 400},
		{"POST", `{"userId":"u2"}`, 400},
		{"POST", `{"selectedFiles":{}}`, 400},
		{"PATCH", `{"userId":"u9","selectedFiles":{}}`, 404},
		{"PATCH", `{"userId":"u1","selectedFiles":{"a":{}}}`, 200},
		{"DELETE", `{"userId":"u1","selectedFiles":{}}`, 400},
		{"DELETE", `{"userId":"u1"}`, 200},
		{"DELETE", `{"userId":"u1"}`, 404},
	} {
		if code, out := h.do(tc.method, users, tc.body); code != tc.want {
			t.Errorf("%s %s: want %d, got %d %v", tc.method, tc.body, tc.want, code, out)
		}
	}
	crawler := h.create(`{"name":"c","type":"FILE_UPLOAD"}`)
	if code, _ := h.do("POST", sources+"/"+crawler+"/users", `{"userId":"u1","selectedFiles":{}}`); code != 400 {
		t.Errorf("users on FILE_UPLOAD: %d", code)
	}
}

func TestOutOfBand(t *testing.T) {
	h := newHarness(t)
	id := h.create(`{"name":"c","type":"WEB_CRAWLER","config":{"seed-urls":["https://a.example"]}}`)
	k := org + "/" + id
	if err := h.e.Edit(k, json.RawMessage(`{"configDoc":{"max-depth":3}}`)); err != nil {
		t.Fatal(err)
	}
	_, got := h.do("GET", sources+"/"+id, "")
	if got["configDoc"].(map[string]any)["max-depth"] != float64(3) || got["id"] != id {
		t.Fatalf("after edit %v", got)
	}
	if err := h.e.Delete(k); err != nil {
		t.Fatal(err)
	}
	if err := h.e.Delete(k); err == nil {
		t.Fatal("second out-of-band delete must fail")
	}
}
