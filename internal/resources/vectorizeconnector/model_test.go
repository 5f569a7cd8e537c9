package vectorizeconnector

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestReconcile(t *testing.T) {
	for name, tc := range map[string]struct{ prior, doc, want string }{
		"equal, other order":       {`{"b":1,"a":"x"}`, `{"a":"x","b":1.0}`, `{"b":1,"a":"x"}`},
		"managed key changed":      {`{"a":"x","b":1}`, `{"a":"y","b":1}`, `{"a":"y","b":1}`},
		"server default ignored":   {`{"a":"x"}`, `{"a":"x","archiver":false}`, `{"a":"x"}`},
		"secret not echoed stays":  {`{"a":"x","secret-key":"s"}`, `{"a":"x"}`, `{"a":"x","secret-key":"s"}`},
		"nested value drift":       {`{"seed-urls":["https://a"]}`, `{"seed-urls":["https://b"]}`, `{"seed-urls":["https://b"]}`},
		"no configDoc keeps prior": {`{"a":"x"}`, ``, `{"a":"x"}`},
	} {
		t.Run(name, func(t *testing.T) {
			got := reconcile(jsontypes.NewNormalizedValue(tc.prior), json.RawMessage(tc.doc))
			if !jsonEqual([]byte(got.ValueString()), []byte(tc.want)) {
				t.Fatalf("got %s, want %s", got.ValueString(), tc.want)
			}
		})
	}
	if got := reconcile(jsontypes.NewNormalizedNull(), json.RawMessage(`{"a":1}`)); !got.IsNull() {
		t.Fatalf("an unset config stays unset, got %s", got)
	}
	if got := fullConfig("GCS", json.RawMessage(`{}`)); !got.IsNull() {
		t.Fatalf("an empty configDoc imports as null, got %s", got)
	}
}

// TestFullConfigDropsSecrets: a configDoc that echoes secrets (as the
// spec's list example does) never puts them in the non-sensitive config.
func TestFullConfigDropsSecrets(t *testing.T) {
	for name, tc := range map[string]struct{ typ, doc, want string }{
		"S3 keys":             {"AWS_S3", `{"bucket-name":"b","access-key":"AK","secret-key":"SK","archiver":false}`, `{"archiver":false,"bucket-name":"b"}`},
		"spec password field": {"ONE_DRIVE", `{"ms-client-id":"i","ms-client-secret":"s","users":["a"]}`, `{"ms-client-id":"i","users":["a"]}`},
		"type without schema": {"NOTION_OAUTH_MULTI", `{"page-ids":"p","refresh-token":"r"}`, `{"page-ids":"p"}`},
		"only secrets":        {"GITHUB", `{"oauth-token":"t"}`, ``},
	} {
		t.Run(name, func(t *testing.T) {
			got := fullConfig(tc.typ, json.RawMessage(tc.doc))
			if tc.want == "" {
				if !got.IsNull() {
					t.Fatalf("got %s, want null", got)
				}
				return
			}
			if got.ValueString() != tc.want {
				t.Fatalf("got %s, want %s", got.ValueString(), tc.want)
			}
		})
	}
}

// TestMissingKeys: only the keys neither object has are named; a required
// key with a spec default (AWS_S3 archiver) is never missing, and the
// message names the missing keys alone.
func TestMissingKeys(t *testing.T) {
	obj := func(s string) map[string]json.RawMessage {
		var m map[string]json.RawMessage
		_ = json.Unmarshal([]byte(s), &m)
		return m
	}
	// Secrets missing: the note for configuration written by terraform query.
	const generated = " The API never returns secrets, so configuration written by terraform query -generate-config-out lacks them: see \"Adopting with terraform query\" in the conduit_vectorize_source_connector documentation."
	for name, tc := range map[string]struct {
		typ, pub, sec, want, message string
	}{
		"S3 complete without archiver": {"AWS_S3", `{"bucket-name":"b"}`, `{"access-key":"a","secret-key":"s"}`, "", ""},
		"S3 one missing": {"AWS_S3", `{"bucket-name":"b"}`, `{"access-key":"a"}`, "secret-key",
			"Connectors of type AWS_S3 require \"secret-key\", which is not set: add the secret \"secret-key\" to secret_config_wo or secret_config." + generated},
		"S3 null counts as missing": {"AWS_S3", `{"bucket-name":null}`, `{"access-key":"a","secret-key":"s"}`, "bucket-name",
			`Connectors of type AWS_S3 require "bucket-name", which is not set: add "bucket-name" to config.`},
		"Azure two missing": {"AZURE_BLOB", `{"container":"c"}`, `{}`, "storage-account-name,storage-account-key",
			`Connectors of type AZURE_BLOB require "storage-account-name" and "storage-account-key", which are not set: add "storage-account-name" to config, and the secret "storage-account-key" to secret_config_wo or secret_config.` + generated},
		"OneDrive three missing": {"ONE_DRIVE", `{"users":["a"]}`, `{}`, "ms-client-id,ms-tenant-id,ms-client-secret",
			`Connectors of type ONE_DRIVE require "ms-client-id", "ms-tenant-id" and "ms-client-secret", which are not set: add "ms-client-id" and "ms-tenant-id" to config, and the secret "ms-client-secret" to secret_config_wo or secret_config.` + generated},
		"type without schema": {"NOTION_OAUTH_MULTI", `{}`, `{}`, "", ""},
	} {
		t.Run(name, func(t *testing.T) {
			got := missingKeys(tc.typ, obj(tc.pub), obj(tc.sec))
			if strings.Join(got, ",") != tc.want {
				t.Fatalf("missing %v, want %s", got, tc.want)
			}
			if tc.message != "" && missingMessage(tc.typ, got) != tc.message {
				t.Fatalf("message %q\nwant        %q", missingMessage(tc.typ, got), tc.message)
			}
		})
	}
}

func TestRequestConfig(t *testing.T) {
	got, err := requestConfig(jsontypes.NewNormalizedValue(`{"bucket-name":"b"}`), types.StringValue(`{"secret-key":"s"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	if string(b) != `{"bucket-name":"b","secret-key":"s"}` {
		t.Fatalf("merged %s", b)
	}
	if _, err := requestConfig(jsontypes.NewNormalizedValue(`{"k":1}`), types.StringValue(`{"k":2}`)); err == nil {
		t.Fatal("a key in both must fail")
	}
	if got, err := requestConfig(jsontypes.NewNormalizedNull(), types.StringNull()); err != nil || len(got) != 0 {
		t.Fatalf("nothing set: %v %v", got, err)
	}
}

func TestParseImportID(t *testing.T) {
	for id, want := range map[string]string{
		"org-1/c-1": "org-1 c-1",
		"c-1":       "default c-1",
		"a/b/c":     "error",
		"/c":        "error",
		" c":        "error",
		"":          "error",
	} {
		o, c, err := parseImportID(id, "default")
		got := o + " " + c
		if err != nil {
			got = "error"
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", id, got, want)
		}
	}
	if _, _, err := parseImportID("c-1", ""); err == nil || !strings.Contains(err.Error(), "VECTORIZE_ORGANIZATION_ID") {
		t.Errorf("without a default organization: %v", err)
	}
}

// validate runs ValidateConfig on a configuration of the resource schema.
func validate(t *testing.T, attrs map[string]tftypes.Value) *resource.ValidateConfigResponse {
	t.Helper()
	s := resourceSchema()
	typ := s.Type().TerraformType(context.Background()).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for k, v := range attrs {
		vals[k] = v
	}
	req := resource.ValidateConfigRequest{Config: tfsdk.Config{Schema: s, Raw: tftypes.NewValue(typ, vals)}}
	resp := &resource.ValidateConfigResponse{}
	(&connectorResource{}).ValidateConfig(context.Background(), req, resp)
	return resp
}

func str(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }

func TestValidateConfigWarnings(t *testing.T) {
	resp := validate(t, map[string]tftypes.Value{"name": str("n"), "type": str("ACME_WIKI")})
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 ||
		!strings.Contains(resp.Diagnostics.Warnings()[0].Detail(), `does not know the type "ACME_WIKI"`) {
		t.Fatalf("unknown type: %v", resp.Diagnostics)
	}
	resp = validate(t, map[string]tftypes.Value{
		"name": str("n"), "type": str("GITHUB"), "config": str(`{"oauth-token":"t"}`),
	})
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 ||
		!strings.Contains(resp.Diagnostics.Warnings()[0].Detail(), `The key "oauth-token" is secret in GITHUB connectors: config is not sensitive and shows in plans. Move it to secret_config_wo or secret_config.`) {
		t.Fatalf("secret in config: %v", resp.Diagnostics)
	}
	// Unknown values are left for apply time.
	resp = validate(t, map[string]tftypes.Value{
		"name": str("n"), "type": str("AWS_S3"), "config": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("unknown config: %v", resp.Diagnostics)
	}
	resp = validate(t, map[string]tftypes.Value{
		"name": str("n"), "type": str("AWS_S3"), "config": str(`{"bucket-name":"b"}`),
		"secret_config_wo": str(`{"access-key":"a","secret-key":"s"}`),
	})
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 0 {
		t.Fatalf("write-only secrets count for the required keys: %v", resp.Diagnostics)
	}
}
