package tiledb_test

import (
	"strings"
	"testing"
)

func defaults(t *testing.T, call caller) string {
	t.Helper()
	var out []string
	for _, c := range call.must(t, 200, "GET", "/v2/credentials/ns", "")["credentials"].([]any) {
		if m := c.(map[string]any); m["provider_default"] == true {
			out = append(out, m["name"].(string))
		}
	}
	return strings.Join(out, ",")
}

// TestUniqueness: a name is unique in its namespace, so is an access key id
// (assumption), and a cloud provider has at most one default there; each
// conflict answers 409 naming the attribute at fault, and stores nothing.
func TestUniqueness(t *testing.T) {
	aws := func(name, id string, def bool) string {
		d := "false"
		if def {
			d = "true"
		}
		return `{"name":"` + name + `","provider_default":` + d + `,"credential":{"aws":{"access_key_id":"` + id + `","secret_access_key":"S"}}}`
	}
	_, call := server(t)
	call.must(t, 204, "POST", "/v2/credentials/ns", aws("a", "AKIA1", true))
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"g","provider_default":true,"credential":{"gcp":{"access_key_id":"GOOG1","secret_access_key":"S"}}}`)
	cases := []struct {
		rule, method, path, body, msg string
	}{
		{"name", "POST", "/v2/credentials/ns", aws("a", "AKIA2", false), `name: a credential named "a" already exists in namespace ns`},
		{"name before key", "POST", "/v2/credentials/ns", aws("g", "AKIA1", false), `name: a credential named "g" already exists`},
		{"AWS key id", "POST", "/v2/credentials/ns", aws("b", "AKIA1", false), `credential.aws.access_key_id: key id "AKIA1" is already used by credential "a"`},
		{"GCS HMAC key id", "POST", "/v2/credentials/ns", `{"name":"h","credential":{"gcp":{"access_key_id":"GOOG1","secret_access_key":"S"}}}`, `credential.gcp.access_key_id: key id "GOOG1" is already used by credential "g"`},
		{"second AWS default", "POST", "/v2/credentials/ns", aws("b", "AKIA2", true), `provider_default: credential "a" is already the default AWS credential of namespace ns`},
		{"default taken by PATCH", "PATCH", "/v2/credentials/ns/b2", `{"provider_default":true}`, `provider_default: credential "a" is already the default AWS credential`},
		{"key taken by PATCH", "PATCH", "/v2/credentials/ns/b2", `{"credential":{"aws":{"access_key_id":"AKIA1","secret_access_key":"S"}}}`, `key id "AKIA1" is already used by credential "a"`},
	}
	call.must(t, 204, "POST", "/v2/credentials/ns", aws("b2", "AKIA3", false))
	for _, c := range cases {
		status, out := call(c.method, c.path, c.body)
		if status != 409 {
			t.Errorf("%s: want 409, got %d %v", c.rule, status, out)
			continue
		}
		expectError(t, out, c.msg)
	}
	if got := defaults(t, call); got != "a,g" {
		t.Fatalf("defaults after the refusals: %s", got)
	}
	// What does not conflict: the default's holder itself, a default of
	// another provider, and token.gcp keys whose key id could not be read.
	call.must(t, 204, "PATCH", "/v2/credentials/ns/a", `{"provider_default":true,"credential":{"aws":{"access_key_id":"AKIA1","secret_access_key":"S2"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"z","provider_default":true,"credential":{"azure":{"account_name":"n","account_key":"k"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"o1","token":{"gcp":{"key_text":"opaque 1"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"o2","token":{"gcp":{"key_text":"opaque 2"}}}`)
	// Freed names, keys and defaults can be taken again.
	call.must(t, 204, "DELETE", "/v2/credentials/ns/a", "")
	call.must(t, 204, "PATCH", "/v2/credentials/ns/b2", `{"provider_default":true,"credential":{"aws":{"access_key_id":"AKIA1","secret_access_key":"S"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", aws("a", "AKIA4", false))
	if got := defaults(t, call); got != "b2,g,z" {
		t.Fatalf("defaults: %s", got)
	}
}

// TestDefaultTransfers: the other reading of "at most one default", where a
// new default clears the old one of the same provider only.
func TestDefaultTransfers(t *testing.T) {
	e, call := server(t)
	e.SetProviderDefaultTransfers(true)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"a","provider_default":true,"credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"g","provider_default":true,"credential":{"gcp":{"access_key_id":"G","secret_access_key":"S"}}}`)
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"b","provider_default":true,"credential":{"aws":{"access_key_id":"B","secret_access_key":"S"}}}`)
	if got := defaults(t, call); got != "b,g" {
		t.Fatalf("a new AWS default clears the old one only: %s", got)
	}
	call.must(t, 204, "PATCH", "/v2/credentials/ns/a", `{"provider_default":true}`)
	if got := defaults(t, call); got != "a,g" {
		t.Fatalf("after PATCH: %s", got)
	}
	e.Reset()
	call.must(t, 204, "POST", "/v2/credentials/ns", `{"name":"a","provider_default":true,"credential":{"aws":{"access_key_id":"A","secret_access_key":"S"}}}`)
	if status, _ := call("POST", "/v2/credentials/ns", `{"name":"b","provider_default":true,"credential":{"aws":{"access_key_id":"B","secret_access_key":"S"}}}`); status != 409 {
		t.Fatalf("Reset restores refusals: %d", status)
	}
}
