package vectorize

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// rule is one request the emulator must refuse or accept as the spec says.
type rule struct {
	name, method, path, body string
	status                   int
	// detail is a substring of the 400's `details`; "" for other statuses.
	detail string
}

// minimal is the smallest config each type's AuthConfig accepts.
var minimal = map[string]string{
	"AWS_S3":       `{"access-key":"a","secret-key":"s","bucket-name":"b","archiver":false}`,
	"AZURE_BLOB":   `{"storage-account-name":"n","storage-account-key":"k","container":"c"}`,
	"CONFLUENCE":   `{"username":"u","api-token":"t","domain":"d"}`,
	"DISCORD":      `{"server-id":"s","bot-token":"t","channel-ids":["c"]}`,
	"FILE_UPLOAD":  `{}`,
	"GOOGLE_DRIVE": `{"service-account-json":"{}"}`,
	"FIRECRAWL":    `{"api-key":"k"}`,
	"GCS":          `{"service-account-json":"{}","bucket-name":"b"}`,
	"ZOOM":         `{"refresh-token":"r"}`,
	"ZOOM_ADMIN":   `{"refresh-token":"r"}`,
	"ONE_DRIVE":    `{"ms-client-id":"i","ms-tenant-id":"t","ms-client-secret":"s","users":["a@b.example"]}`,
	"SHAREPOINT":   `{"ms-client-id":"i","ms-tenant-id":"t","ms-client-secret":"s"}`,
	"WEB_CRAWLER":  `{"seed-urls":["https://a.example"]}`,
	"GITHUB":       `{"oauth-token":"t"}`,
	"FIREFLIES":    `{"api-key":"k"}`,
}

func item(typ, config string) string {
	return fmt.Sprintf(`{"name":"n","type":%q,"config":%s}`, typ, config)
}

// requiredKeyRules: for every type with a schema, its minimal config is
// accepted, and the config without any one required key is refused naming it.
func requiredKeyRules(t *testing.T) []rule {
	var out []rule
	for typ, spec := range specs {
		cfg, ok := minimal[typ]
		if !ok {
			t.Fatalf("no minimal config for %s", typ)
		}
		out = append(out, rule{"create minimal " + typ, "POST", "", item(typ, cfg), 200, ""})
		for k, f := range spec.fields {
			if !f.required {
				continue
			}
			var m map[string]any
			_ = json.Unmarshal([]byte(cfg), &m)
			delete(m, k)
			b, _ := json.Marshal(m)
			out = append(out, rule{"create " + typ + " without " + k, "POST", "", item(typ, string(b)), 400,
				"config." + k + " is required for connector type " + typ})
			out = append(out, rule{"update " + typ + " without " + k, "PATCH", "/{" + typ + "}", `{"config":` + string(b) + `}`, 400,
				"config." + k + " is required for connector type " + typ})
		}
		out = append(out, rule{"update minimal " + typ, "PATCH", "/{" + typ + "}", `{"config":` + cfg + `}`, 200, ""})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

var rules = []rule{
	// createSourceConnector: CreateSourceConnectorRequest.
	{"create FILE_UPLOAD without config", "POST", "", `{"name":"n","type":"FILE_UPLOAD"}`, 200, ""},
	{"create OAuth type without schema", "POST", "", `{"name":"n","type":"NOTION_OAUTH_MULTI"}`, 200, ""},
	{"create extra config keys", "POST", "", item("WEB_CRAWLER", `{"seed-urls":["x"],"max-depth":3}`), 200, ""},
	{"create config null", "POST", "", `{"name":"n","type":"FILE_UPLOAD","config":null}`, 200, ""},
	{"create not an object", "POST", "", `"x"`, 400, "body must be a JSON object"},
	{"create no name", "POST", "", `{"type":"FILE_UPLOAD"}`, 400, "name is required"},
	{"create name not a string", "POST", "", `{"name":5,"type":"FILE_UPLOAD"}`, 400, "name must be a string"},
	{"create name blank", "POST", "", `{"name":" ","type":"FILE_UPLOAD"}`, 400, "name must not be empty"},
	{"create no type", "POST", "", `{"name":"n"}`, 400, "type is required"},
	{"create type not a string", "POST", "", `{"name":"n","type":1}`, 400, "type must be a string"},
	{"create type not in the enum", "POST", "", `{"name":"n","type":"NOPE"}`, 400, `invalid connector type "NOPE"`},
	{"create type in lower case", "POST", "", `{"name":"n","type":"aws_s3"}`, 400, `invalid connector type "aws_s3"`},
	{"create unknown field", "POST", "", `{"name":"n","type":"FILE_UPLOAD","extra":1}`, 400, `unknown field "extra"`},
	{"create config not an object", "POST", "", `{"name":"n","type":"FILE_UPLOAD","config":[]}`, 400, "config must be an object"},
	{"create config missing", "POST", "", `{"name":"n","type":"GITHUB"}`, 400, "config is required for connector type GITHUB"},
	{"create archiver not a boolean", "POST", "", item("AWS_S3", `{"access-key":"a","secret-key":"s","bucket-name":"b","archiver":"false"}`), 400,
		"config.archiver must be a boolean"},
	{"create archiver true", "POST", "", item("AWS_S3", `{"access-key":"a","secret-key":"s","bucket-name":"b","archiver":true}`), 200, ""},
	{"create string not a string", "POST", "", item("GCS", `{"service-account-json":"{}","bucket-name":5}`), 400, "config.bucket-name must be a string"},
	{"create list not a list", "POST", "", item("WEB_CRAWLER", `{"seed-urls":"https://a.example"}`), 400, "config.seed-urls must be an array of strings"},
	{"create list of numbers", "POST", "", item("WEB_CRAWLER", `{"seed-urls":[1]}`), 400, "config.seed-urls must be an array of strings"},
	{"create optional list typed", "POST", "", item("FILE_UPLOAD", `{"files":"a"}`), 400, "config.files must be an array of strings"},
	{"create required list empty", "POST", "", item("WEB_CRAWLER", `{"seed-urls":[]}`), 400, "config.seed-urls is required and must not be empty"},
	{"create required string empty", "POST", "", item("GCS", `{"service-account-json":"{}","bucket-name":""}`), 400, "config.bucket-name is required and must not be empty"},
	{"create token with spaces", "POST", "", item("GITHUB", `{"oauth-token":" t"}`), 400, "config.oauth-token must not be blank nor start or end with whitespace"},
	{"create token empty", "POST", "", item("AWS_S3", `{"access-key":"","secret-key":"s","bucket-name":"b","archiver":false}`), 400,
		"config.access-key must not be blank"},
	{"create required key null", "POST", "", item("AWS_S3", `{"access-key":"a","secret-key":"s","bucket-name":"b","archiver":null}`), 400,
		"config.archiver is required for connector type AWS_S3"},
	// Seed 003's older array shape.
	{"create array minimal", "POST", "", `[{"name":"n","type":"FILE_UPLOAD"}]`, 200, ""},
	{"create array empty", "POST", "", `[]`, 400, "non-empty array"},
	{"create array bad item", "POST", "", `[{"name":"n","type":"FILE_UPLOAD"},{"name":"m"}]`, 400, "connector 1: type is required"},
	{"create array bad config", "POST", "", `[{"name":"n","type":"FILE_UPLOAD"},{"name":"m","type":"GCS","config":{}}]`, 400,
		"config.bucket-name is required"},
	{"create other organization", "POST", "other", `{"name":"n","type":"FILE_UPLOAD"}`, 403, ""},

	// getSourceConnector, deleteSourceConnector, getSourceConnectors.
	{"get", "GET", "/{WEB_CRAWLER}", "", 200, ""},
	{"get missing", "GET", "/{missing}", "", 404, ""},
	{"get other organization", "GET", "other/{WEB_CRAWLER}", "", 403, ""},
	{"delete", "DELETE", "/{WEB_CRAWLER}", "", 200, ""},
	{"delete missing", "DELETE", "/{missing}", "", 404, ""},
	{"list", "GET", "", "", 200, ""},
	{"list workspace", "GET", "?workspaceId=ws", "", 200, ""},
	{"list other organization", "GET", "other", "", 403, ""},

	// updateSourceConnector: UpdateSourceConnectorRequest.
	{"update without config", "PATCH", "/{WEB_CRAWLER}", `{}`, 200, ""},
	{"update name", "PATCH", "/{WEB_CRAWLER}", `{"name":"x"}`, 400, `only config can be updated, got "name"`},
	{"update config not an object", "PATCH", "/{WEB_CRAWLER}", `{"config":[]}`, 400, "config must be an object"},
	{"update typed", "PATCH", "/{WEB_CRAWLER}", `{"config":{"seed-urls":"x"}}`, 400, "config.seed-urls must be an array of strings"},
	{"update not JSON", "PATCH", "/{WEB_CRAWLER}", `{`, 400, "malformed JSON body"},
	{"update missing", "PATCH", "/{missing}", `{"config":{}}`, 404, ""},

	// addUserToSourceConnector: AddUserToSourceConnectorRequest.
	{"add user minimal", "POST", "/{drive}/users", `{"userId":"u2","selectedFiles":{}}`, 200, ""},
	{"add user with files and tokens", "POST", "/{drive}/users",
		`{"userId":"u2","selectedFiles":{"f1":{"name":"a.pdf","mimeType":"application/pdf"}},"refreshToken":"r","accessToken":"a"}`, 200, ""},
	{"add user with Notion ids", "POST", "/{drive}/users", `{"userId":"u2","selectedFiles":{"pageIds":["p"],"databaseIds":["d"]}}`, 200, ""},
	{"add user without selectedFiles", "POST", "/{drive}/users", `{"userId":"u2"}`, 400, "selectedFiles is required"},
	{"add user without userId", "POST", "/{drive}/users", `{"selectedFiles":{}}`, 400, "userId is required"},
	{"add user userId not a string", "POST", "/{drive}/users", `{"userId":5,"selectedFiles":{}}`, 400, "userId must be a string"},
	{"add user userId empty", "POST", "/{drive}/users", `{"userId":"","selectedFiles":{}}`, 400, "userId must not be empty"},
	{"add user files not an object", "POST", "/{drive}/users", `{"userId":"u2","selectedFiles":"x"}`, 400, "selectedFiles must be an object"},
	{"add user pageIds not a list", "POST", "/{drive}/users", `{"userId":"u2","selectedFiles":{"pageIds":"p"}}`, 400, "selectedFiles must be an object"},
	{"add user token not a string", "POST", "/{drive}/users", `{"userId":"u2","selectedFiles":{},"refreshToken":1}`, 400, "refreshToken must be a string"},
	{"add user unknown field", "POST", "/{drive}/users", `{"userId":"u2","selectedFiles":{},"x":1}`, 400, `unknown field "x"`},
	{"add user twice", "POST", "/{drive}/users", `{"userId":"u1","selectedFiles":{}}`, 400, "already added"},
	{"add user to another type", "POST", "/{FILE_UPLOAD}/users", `{"userId":"u2","selectedFiles":{}}`, 400, "does not support users"},
	{"add user to missing connector", "POST", "/{missing}/users", `{"userId":"u2","selectedFiles":{}}`, 404, ""},

	// updateUserInSourceConnector: UpdateUserInSourceConnectorRequest needs only userId.
	{"update user minimal", "PATCH", "/{drive}/users", `{"userId":"u1"}`, 200, ""},
	{"update user files", "PATCH", "/{drive}/users", `{"userId":"u1","selectedFiles":{"pageIds":["p"]}}`, 200, ""},
	{"update user without userId", "PATCH", "/{drive}/users", `{"selectedFiles":{}}`, 400, "userId is required"},
	{"update user files not an object", "PATCH", "/{drive}/users", `{"userId":"u1","selectedFiles":[]}`, 400, "selectedFiles must be an object"},
	{"update user token not a string", "PATCH", "/{drive}/users", `{"userId":"u1","accessToken":true}`, 400, "accessToken must be a string"},
	{"update unknown user", "PATCH", "/{drive}/users", `{"userId":"u9"}`, 404, ""},

	// deleteUserFromSourceConnector: RemoveUserFromSourceConnectorRequest.
	{"remove user minimal", "DELETE", "/{drive}/users", `{"userId":"u1"}`, 200, ""},
	{"remove user without userId", "DELETE", "/{drive}/users", `{}`, 400, "userId is required"},
	{"remove user extra field", "DELETE", "/{drive}/users", `{"userId":"u1","selectedFiles":{}}`, 400, `unknown field "selectedFiles"`},
	{"remove unknown user", "DELETE", "/{drive}/users", `{"userId":"u9"}`, 404, ""},
}

// fixture is a harness holding one connector of each type with a schema,
// an OAuth multi-user connector ("drive") with user u1, and a connector in
// workspace "ws".
func fixture(t *testing.T) (*harness, map[string]string) {
	h := newHarness(t)
	ids := map[string]string{"missing": "00000000-0000-4000-8000-000000000000"}
	for typ, cfg := range minimal {
		ids[typ] = h.create(item(typ, cfg))
	}
	ids["drive"] = h.create(`{"name":"d","type":"GOOGLE_DRIVE_OAUTH_MULTI"}`)
	if code, out := h.do("POST", sources+"/"+ids["drive"]+"/users", `{"userId":"u1","selectedFiles":{}}`); code != 200 {
		t.Fatalf("fixture user: %d %v", code, out)
	}
	if code, out := h.do("POST", sources+"?workspaceId=ws", `{"name":"w","type":"FILE_UPLOAD"}`); code != 200 {
		t.Fatalf("fixture workspace: %d %v", code, out)
	}
	return h, ids
}

func (r rule) url(ids map[string]string) string {
	p := r.path
	base := sources
	if rest, ok := strings.CutPrefix(p, "other"); ok {
		base, p = "/v1/org/other/connectors/sources", rest
	}
	for k, id := range ids {
		p = strings.ReplaceAll(p, "{"+k+"}", id)
	}
	return base + p
}

// TestRequestValidation: each rule refuses what the spec refuses, with
// Vectorize's error body, and the minimal valid bodies are accepted.
func TestRequestValidation(t *testing.T) {
	all := append(requiredKeyRules(t), rules...)
	for _, r := range all {
		t.Run(r.name, func(t *testing.T) {
			h, ids := fixture(t)
			before := len(h.e.Objects())
			code, out := h.do(r.method, r.url(ids), r.body)
			if code != r.status {
				t.Fatalf("%s %s %s: want %d, got %d %v", r.method, r.path, r.body, r.status, code, out)
			}
			if code == 200 {
				if _, ok := out["message"].(string); !ok && r.method != "GET" {
					t.Fatalf("answer without message: %v", out)
				}
				return
			}
			// The spec's error body: error (required) and details, both strings.
			for k := range out {
				if k != "error" && k != "details" && k != "failedUpdates" && k != "successfulUpdates" {
					t.Fatalf("error body has %q: %v", k, out)
				}
			}
			msg, ok := out["error"].(string)
			details, _ := out["details"].(string)
			if !ok || msg == "" {
				t.Fatalf("error body without error: %v", out)
			}
			if code == 400 && (msg != invalidRequest || !strings.Contains(details, r.detail)) {
				t.Fatalf("want details containing %q, got %v", r.detail, out)
			}
			if len(h.e.Objects()) != before {
				t.Fatalf("a refused request changed the objects")
			}
		})
	}
}
