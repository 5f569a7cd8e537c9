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

type caller func(method, path, body string) (int, map[string]any)

func server(t *testing.T) (*tiledb.Emulator, caller) {
	t.Helper()
	e := tiledb.New(tiledb.Options{APIKey: "k", Namespaces: []string{"ns"}})
	mux := http.NewServeMux()
	for _, r := range e.Routes() {
		mux.HandleFunc(r.Pattern, r.Handler)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return e, func(method, path, body string) (int, map[string]any) {
		t.Helper()
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

// must answers status, or fails the test.
func (call caller) must(t *testing.T, status int, method, path, body string) map[string]any {
	t.Helper()
	got, out := call(method, path, body)
	if got != status {
		t.Fatalf("%s %s %s: want %d, got %d %v", method, path, body, status, got, out)
	}
	return out
}

// expectError checks the spec's Error body: {code (integer), message, request_id}.
func expectError(t *testing.T, out map[string]any, msg string) {
	t.Helper()
	code, isNumber := out["code"].(float64)
	id, _ := out["request_id"].(string)
	if m, _ := out["message"].(string); !strings.Contains(m, msg) || !isNumber || code == 0 || id == "" {
		t.Errorf("want an Error with message %q, code and request_id, got %v", msg, out)
	}
}

const (
	awsBody = `{"name":"a","credential":{"aws":{"access_key_id":"AKIA1","secret_access_key":"S"}}}`
	keyFile = `{\"client_email\":\"sa@p.iam.gserviceaccount.com\",\"private_key_id\":\"k1\"}`
)

// TestValidation: one row per request rule, each on a fresh emulator holding
// the AWS key credential "a" (awsBody). Rejections carry the Error body; the
// accepted rows are the minimal valid requests.
func TestValidation(t *testing.T) {
	const creds = "/v2/credentials/ns"
	cases := []struct {
		rule, method, path, body string
		status                   int
		msg                      string
	}{
		// addCredential: the body is a required AccessCredential.
		{"body is JSON", "POST", creds, `{`, 400, "invalid request body"},
		{"body is an object", "POST", creds, `[]`, 400, "invalid request body"},
		{"body is present", "POST", creds, ``, 400, "invalid request body"},
		{"known fields only", "POST", creds, `{"name":"x","bucket":"b","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 400, `unknown field "bucket"`},
		{"old kms field name", "POST", creds, `{"name":"x","credential":{"aws":{"access_key_id":"A","secret_access_key":"S","sse_kms_key_id":"k"}}}`, 400, "invalid credential"},
		{"known sub-fields only", "POST", creds, `{"name":"x","role":{"aws":{"role_arn":"arn:aws:iam::1:role/r","external_id":"e","bucket":"b"}}}`, 400, "invalid role"},
		{"string field type", "POST", creds, `{"name":"x","credential":{"aws":{"access_key_id":5,"secret_access_key":"S"}}}`, 400, "invalid credential"},
		{"name required", "POST", creds, `{"credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 400, "missing required field name"},
		{"name not blank", "POST", creds, `{"name":"  ","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 400, "missing required field name"},
		{"name is a string", "POST", creds, `{"name":7,"credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 400, "invalid name"},
		{"provider_default is boolean", "POST", creds, `{"name":"x","provider_default":"yes","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 400, "invalid provider_default"},
		{"allowed_in_tasks is boolean", "POST", creds, `{"name":"x","allowed_in_tasks":1,"credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 400, "invalid allowed_in_tasks"},
		{"one kind: none", "POST", creds, `{"name":"x","credential":null}`, 400, "exactly one of"},
		{"one kind: empty object", "POST", creds, `{"name":"x","credential":{}}`, 400, "exactly one of"},
		{"one kind: two unions", "POST", creds, `{"name":"x","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}},"role":{"aws":{"role_arn":"arn:x","external_id":"e"}}}`, 400, "credential.aws and role.aws"},
		{"one kind: two sub-objects", "POST", creds, `{"name":"x","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"},"azure":{"account_name":"n","account_key":"k"}}}`, 400, "credential.aws and credential.azure"},
		{"credential.aws.access_key_id", "POST", creds, `{"name":"x","credential":{"aws":{"secret_access_key":"S"}}}`, 400, "missing required field credential.aws.access_key_id"},
		{"credential.aws.secret_access_key", "POST", creds, `{"name":"x","credential":{"aws":{"access_key_id":"A"}}}`, 400, "missing required field credential.aws.secret_access_key"},
		{"credential.azure.account_name", "POST", creds, `{"name":"x","credential":{"azure":{"account_key":"k"}}}`, 400, "missing required field credential.azure.account_name"},
		{"credential.azure.account_key", "POST", creds, `{"name":"x","credential":{"azure":{"account_name":"n"}}}`, 400, "missing required field credential.azure.account_key"},
		{"credential.gcp.access_key_id", "POST", creds, `{"name":"x","credential":{"gcp":{"secret_access_key":"S"}}}`, 400, "missing required field credential.gcp.access_key_id"},
		{"credential.gcp.secret_access_key", "POST", creds, `{"name":"x","credential":{"gcp":{"access_key_id":"G"}}}`, 400, "missing required field credential.gcp.secret_access_key"},
		{"role.aws.role_arn", "POST", creds, `{"name":"x","role":{"aws":{"external_id":"e"}}}`, 400, "missing required field role.aws.role_arn"},
		{"role.aws.external_id", "POST", creds, `{"name":"x","role":{"aws":{"role_arn":"arn:aws:iam::1:role/r"}}}`, 400, "missing required field role.aws.external_id"},
		{"role.aws.role_arn is an ARN", "POST", creds, `{"name":"x","role":{"aws":{"role_arn":"my-role","external_id":"e"}}}`, 400, "must be an ARN"},
		{"token.azure.account_name", "POST", creds, `{"name":"x","token":{"azure":{"sas_token":"t"}}}`, 400, "missing required field token.azure.account_name"},
		{"token.azure.sas_token", "POST", creds, `{"name":"x","token":{"azure":{"account_name":"n"}}}`, 400, "missing required field token.azure.sas_token"},
		{"token.gcp.key_text", "POST", creds, `{"name":"x","token":{"gcp":{"account_id":"sa@p"}}}`, 400, "missing required field token.gcp.key_text"},
		{"namespace exists", "POST", "/v2/credentials/other", awsBody, 404, "namespace other not found"},
		{"minimal credential.aws", "POST", creds, `{"name":"x","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 204, ""},
		{"minimal credential.azure", "POST", creds, `{"name":"x","credential":{"azure":{"account_name":"n","account_key":"k"}}}`, 204, ""},
		{"minimal credential.gcp", "POST", creds, `{"name":"x","credential":{"gcp":{"access_key_id":"G","secret_access_key":"S"}}}`, 204, ""},
		{"minimal role.aws", "POST", creds, `{"name":"x","role":{"aws":{"role_arn":"arn:aws:iam::1:role/r","external_id":"e"}}}`, 204, ""},
		{"minimal token.azure", "POST", creds, `{"name":"x","token":{"azure":{"account_name":"n","sas_token":"t"}}}`, 204, ""},
		{"minimal token.gcp", "POST", creds, `{"name":"x","token":{"gcp":{"key_text":"` + keyFile + `"}}}`, 204, ""},
		{"token.gcp key_text is opaque", "POST", creds, `{"name":"x","token":{"gcp":{"key_text":"not json"}}}`, 204, ""},
		{"optional fields", "POST", creds, `{"name":"x","provider_default":null,"allowed_in_tasks":true,"credential":{"aws":{"access_key_id":"A","secret_access_key":"S","endpoint":null,"kms_id":"arn:aws:kms:us-east-1:1:key/k"}}}`, 204, ""},
		{"read-only fields ignored", "POST", creds, `{"name":"x","uuid":"u","provider":"GCP","created_at":"2020-01-01T00:00:00Z","updated_at":"x","credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`, 204, ""},
		// updateCredential: "changes to make".
		{"PATCH needs a credential", "PATCH", creds + "/missing", `{}`, 404, "credential missing not found"},
		{"PATCH body is an object", "PATCH", creds + "/a", `"x"`, 400, "invalid request body"},
		{"PATCH known fields only", "PATCH", creds + "/a", `{"colour":"red"}`, 400, `unknown field "colour"`},
		{"PATCH boolean type", "PATCH", creds + "/a", `{"allowed_in_tasks":"true"}`, 400, "invalid allowed_in_tasks"},
		{"PATCH no rename", "PATCH", creds + "/a", `{"name":"b"}`, 400, "cannot be renamed"},
		{"PATCH same provider", "PATCH", creds + "/a", `{"token":{"azure":{"account_name":"n","sas_token":"t"}}}`, 400, "cannot change to AZURE"},
		{"PATCH kind carries its secret", "PATCH", creds + "/a", `{"credential":{"aws":{"access_key_id":"AKIA1"}}}`, 400, "missing required field credential.aws.secret_access_key"},
		{"PATCH one kind", "PATCH", creds + "/a", `{"credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}},"role":{"aws":{"role_arn":"arn:x","external_id":"e"}}}`, 400, "exactly one credential kind"},
		{"minimal PATCH", "PATCH", creds + "/a", `{}`, 204, ""},
		{"PATCH nulls leave fields alone", "PATCH", creds + "/a", `{"provider_default":null,"allowed_in_tasks":true,"name":"a"}`, 204, ""},
		{"PATCH another kind of the provider", "PATCH", creds + "/a", `{"role":{"aws":{"role_arn":"arn:aws:iam::1:role/r","external_id":"e"}}}`, 204, ""},
		// getCredential and deleteCredential.
		{"GET needs a credential", "GET", creds + "/missing", ``, 404, "credential missing not found"},
		{"GET needs a namespace", "GET", "/v2/credentials/other/a", ``, 404, "namespace other not found"},
		{"GET", "GET", creds + "/a", ``, 200, ""},
		{"DELETE needs a credential", "DELETE", creds + "/missing", ``, 404, "credential missing not found"},
		{"DELETE", "DELETE", creds + "/a", ``, 204, ""},
		// listCredentials: provider (CloudProvider), type (AccessCredentialType), page, per_page.
		{"list provider enum", "GET", creds + "?provider=aws", ``, 400, "invalid provider"},
		{"list type enum", "GET", creds + "?type=bucket", ``, 400, "invalid type"},
		{"list page is an integer", "GET", creds + "?page=x", ``, 400, "invalid page"},
		{"list page is 1-based", "GET", creds + "?page=0", ``, 400, "invalid page"},
		{"list per_page is positive", "GET", creds + "?per_page=0", ``, 400, "invalid per_page"},
		{"list needs a namespace", "GET", "/v2/credentials/other", ``, 404, "namespace other not found"},
		{"minimal list", "GET", creds, ``, 200, ""},
		{"list every filter", "GET", creds + "?provider=GCP&type=azure_token&page=2&per_page=5", ``, 200, ""},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			_, call := server(t)
			call.must(t, 204, "POST", creds, awsBody)
			status, out := call(c.method, c.path, c.body)
			if status != c.status {
				t.Fatalf("%s %s %s: want %d, got %d %v", c.method, c.path, c.body, c.status, status, out)
			}
			if c.status >= 400 {
				expectError(t, out, c.msg)
			}
		})
	}
	for _, v := range []string{"AWS", "AZURE", "GCP"} {
		_, call := server(t)
		call.must(t, 200, "GET", creds+"?provider="+v, "")
	}
	for _, v := range []string{"key", "arn", "token", "azure_token"} {
		_, call := server(t)
		call.must(t, 200, "GET", creds+"?type="+v, "")
	}
}

// TestStoredAndAnswered: what a create stores is what GET and list answer,
// with the server's fields and without any secret.
func TestStoredAndAnswered(t *testing.T) {
	e, call := server(t)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"a","credential":{"aws":{"access_key_id":"AKIA1","secret_access_key":"SK","kms_id":"arn:aws:kms:us-east-1:1:key/k"}}}`)
	call.must(t, 204, "PATCH", "/v2/credentials/ns/a", `{"provider_default":null,"allowed_in_tasks":true}`)
	got := call.must(t, 200, "GET", "/v2/credentials/ns/a", "")
	if got["allowed_in_tasks"] != true || got["provider_default"] != false || got["provider"] != "AWS" || got["uuid"] == "" || got["created_at"] == "" {
		t.Fatalf("after PATCH: %v", got)
	}
	if aws := got["credential"].(map[string]any)["aws"].(map[string]any); aws["kms_id"] != "arn:aws:kms:us-east-1:1:key/k" {
		t.Fatalf("kms_id: %v", aws)
	}
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"r","role":{"aws":{"role_arn":"arn:aws:iam::1:role/r","external_id":"EXT"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"s","token":{"azure":{"account_name":"n","sas_token":"SAS"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"g","token":{"gcp":{"key_text":"`+keyFile+`"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"z","credential":{"azure":{"account_name":"n","account_key":"AZK"}}}`)
	list := call.must(t, 200, "GET", "/v2/credentials/ns", "")
	raw, _ := json.Marshal(list)
	for _, secret := range []string{"SK", "EXT", "SAS", "AZK", "private_key_id"} {
		if strings.Contains(string(raw), `"`+secret+`"`) || strings.Contains(string(raw), secret+`\"`) {
			t.Errorf("the list returns the secret %s: %s", secret, raw)
		}
	}
	g := call.must(t, 200, "GET", "/v2/credentials/ns/g", "")["token"].(map[string]any)["gcp"].(map[string]any)
	if g["account_id"] != "sa@p.iam.gserviceaccount.com" || g["key_id"] != "k1" || g["key_text"] != nil {
		t.Fatalf("token.gcp: %v", g)
	}
	// Out-of-band edits keep provider consistent with the kind.
	if err := e.Edit("ns/a", json.RawMessage(`{"credential":null,"token":{"azure":{"account_name":"acct","sas_token":"t"}}}`)); err != nil {
		t.Fatal(err)
	}
	if got := call.must(t, 200, "GET", "/v2/credentials/ns/a", ""); got["provider"] != "AZURE" {
		t.Fatalf("after edit: %v", got)
	}
	if err := e.Edit("ns/none", json.RawMessage(`{}`)); err != emu.ErrNoObject {
		t.Fatalf("edit of a missing object: %v", err)
	}
}

// TestListPaging: pages are 1-based, pagination_metadata counts what the
// filter selects, and a page past the end is empty.
func TestListPaging(t *testing.T) {
	e, call := server(t)
	for _, n := range []string{"a", "b", "c"} {
		call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"`+n+`","credential":{"aws":{"access_key_id":"AKIA`+n+`","secret_access_key":"S"}}}`)
	}
	e.SetMaxPerPage(2)
	names := func(page map[string]any) string {
		var out []string
		for _, c := range page["credentials"].([]any) {
			out = append(out, c.(map[string]any)["name"].(string))
		}
		return strings.Join(out, ",")
	}
	p1 := call.must(t, 200, "GET", "/v2/credentials/ns?page=1&per_page=100", "")
	p2 := call.must(t, 200, "GET", "/v2/credentials/ns?page=2&per_page=100", "")
	p3 := call.must(t, 200, "GET", "/v2/credentials/ns?page=3&per_page=100", "")
	if names(p1) != "a,b" || names(p2) != "c" || names(p3) != "" {
		t.Fatalf("pages: %q %q %q", names(p1), names(p2), names(p3))
	}
	want := map[string]any{"page": 3.0, "per_page": 2.0, "total_pages": 2.0, "total_items": 3.0}
	for k, v := range want {
		if p3["pagination_metadata"].(map[string]any)[k] != v {
			t.Fatalf("metadata: %v", p3["pagination_metadata"])
		}
	}
	empty := call.must(t, 200, "GET", "/v2/credentials/ns?provider=GCP", "")
	if items, ok := empty["credentials"].([]any); !ok || len(items) != 0 {
		t.Fatalf("an empty list is still an array: %v", empty)
	}
}

// TestTypeFilter: azure_token is the spec's "alias for token", so both select
// every token credential, Azure's and GCP's alike.
func TestTypeFilter(t *testing.T) {
	_, call := server(t)
	for _, b := range []string{
		`{"name":"key","credential":{"azure":{"account_name":"n","account_key":"k"}}}`,
		`{"name":"role","role":{"aws":{"role_arn":"arn:aws:iam::1:role/r","external_id":"e"}}}`,
		`{"name":"sas","token":{"azure":{"account_name":"n","sas_token":"t"}}}`,
		`{"name":"sa","token":{"gcp":{"key_text":"` + keyFile + `"}}}`,
	} {
		call.must(t, 204, "POST", "/v2/credentials/ns", b)
	}
	for query, want := range map[string]string{
		"type=key": "key", "type=arn": "role", "type=token": "sa,sas", "type=azure_token": "sa,sas",
		"type=azure_token&provider=AZURE": "sas", "type=token&provider=GCP": "sa",
	} {
		var got []string
		for _, c := range call.must(t, 200, "GET", "/v2/credentials/ns?"+query, "")["credentials"].([]any) {
			got = append(got, c.(map[string]any)["name"].(string))
		}
		if strings.Join(got, ",") != want {
			t.Errorf("%s: want %s, got %v", query, want, got)
		}
	}
}

// TestBadGateway: the spec declares 502 without a schema: it comes from a
// proxy, not as the API's JSON Error.
func TestBadGateway(t *testing.T) {
	e := tiledb.New(tiledb.Options{})
	rec := httptest.NewRecorder()
	e.WriteError(rec, http.StatusBadGateway, "ignored")
	if rec.Code != 502 || rec.Header().Get("Content-Type") != "text/html" || !strings.Contains(rec.Body.String(), "<h1>502 Bad Gateway</h1>") || json.Valid(rec.Body.Bytes()) {
		t.Fatalf("502: %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	rec = httptest.NewRecorder()
	e.WriteError(rec, http.StatusServiceUnavailable, "down")
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out["message"] != "down" {
		t.Fatalf("503 is the default Error: %s", rec.Body)
	}
}
