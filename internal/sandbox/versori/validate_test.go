package versori_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
)

// rule is one request-validation rule: the minimal valid body with patch
// (an RFC 7386 merge patch; null removes a field) must be refused with
// status naming field in the spec's Error body; a rule with status 0 is an
// accepted variant.
type rule struct {
	name   string
	patch  string
	status int
	field  string
}

// checkRules sends the minimal body, then each rule's variant, to method path.
func checkRules(t *testing.T, srv *httptest.Server, method, path, minimal string, accept int, rules []rule) {
	t.Helper()
	if status, body := call(t, srv, method, path, minimal); status != accept {
		t.Fatalf("minimal valid body refused: %d %v", status, body)
	}
	for _, r := range rules {
		body, err := emu.MergePatch(json.RawMessage(minimal), json.RawMessage(r.patch))
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		status, got := call(t, srv, method, path, string(body))
		want := r.status
		if want == 0 {
			want = accept
		}
		if status != want {
			t.Errorf("%s: %s answered %d, want %d: %v", r.name, body, status, want, got)
			continue
		}
		if r.status != 0 {
			checkErrorBody(t, r.name, got, r.field)
		}
	}
}

// checkErrorBody: `{code, message, fields:[{field, message}]}` naming field (spec Error, ErrorField).
func checkErrorBody(t *testing.T, name string, got map[string]any, field string) {
	t.Helper()
	code, _ := got["code"].(string)
	msg, _ := got["message"].(string)
	if code == "" || msg == "" {
		t.Errorf("%s: error body without code or message: %v", name, got)
		return
	}
	if field == "" {
		return
	}
	fields, _ := got["fields"].([]any)
	for _, f := range fields {
		m := f.(map[string]any)
		if m["field"] == field && m["message"] != "" {
			return
		}
	}
	t.Errorf("%s: want a field error for %q, got %v", name, field, got["fields"])
}

const (
	minimalHTTP     = `{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[],"environments":[]}`
	minimalBigQuery = `{"name":"w","environments":[]}`
)

func schemes(s ...string) string { return `{"authSchemeConfigs":[` + strings.Join(s, ",") + `]}` }

func envs(e ...string) string { return `{"environments":[` + strings.Join(e, ",") + `]}` }

func binding(scheme, cred string) string {
	return `{"name":"p","variables":[],"credentials":{"action":[{"authSchemeConfig":` + scheme + `,"credential":` + cred + `}]}}`
}

const (
	apiKey   = `{"schemeType":"api-key","name":"k","in":"header"}`
	hmac     = `{"schemeType":"hmac","name":"s","in":"header","algorithm":"sha256","digestInputs":["body"]}`
	oauth2   = `{"schemeType":"oauth2","authorizeUrl":"https://a.example.com/auth","tokenUrl":"https://a.example.com/token","scopes":[],"flows":{"clientCredentials":{}}}`
	apiKeyID = `{"id":"` + versori.CredAPIKey + `"}`
)

func TestValidateCreateHTTP(t *testing.T) {
	_, srv := start(t)
	checkRules(t, srv, "POST", "/protocols/http/connections", minimalHTTP, 201, []rule{
		// HTTPConnectionCreate required: name, baseUrl, authSchemeConfigs, environments.
		{"name required", `{"name":null}`, 400, "name"},
		{"baseUrl required", `{"baseUrl":null}`, 400, "baseUrl"},
		{"authSchemeConfigs required", `{"authSchemeConfigs":null}`, 400, "authSchemeConfigs"},
		{"environments required", `{"environments":null}`, 400, "environments"},
		{"name is a string", `{"name":5}`, 400, "name"},
		{"authSchemeConfigs is an array", `{"authSchemeConfigs":{}}`, 400, "authSchemeConfigs"},
		{"name not empty", `{"name":" "}`, 400, "name"},
		{"name at most 255", `{"name":"` + strings.Repeat("n", 256) + `"}`, 400, "name"},
		{"baseUrl absolute", `{"baseUrl":"/v1"}`, 400, "baseUrl"},
		{"unknown field", `{"extra":1}`, 400, "extra"},
		{"no datasetId on http", `{"datasetId":"my-project.sales"}`, 400, "datasetId"},
		{"no id on create", `{"id":"01JD0000000000000000000000"}`, 400, "id"},
		{"environmentVariables value required", `{"environmentVariables":[{"name":"r"}]}`, 400, "environmentVariables[0].value"},
		{"environmentVariables name unique", `{"environmentVariables":[{"name":"r","value":"1"},{"name":"r","value":"2"}]}`, 400, "environmentVariables[1].name"},
		{"environmentVariables accepted", `{"environmentVariables":[{"name":"r","value":"eu"}]}`, 0, ""},
		// AuthSchemeConfig, discriminated by schemeType.
		{"schemeType required", schemes(`{}`), 400, "authSchemeConfigs[0].schemeType"},
		{"schemeType enum", schemes(`{"schemeType":"kerberos"}`), 400, "authSchemeConfigs[0].schemeType"},
		{"api-key in required", schemes(`{"schemeType":"api-key","name":"k"}`), 400, "authSchemeConfigs[0].in"},
		{"api-key in enum", schemes(`{"schemeType":"api-key","name":"k","in":"body"}`), 400, "authSchemeConfigs[0].in"},
		{"api-key takes only its fields", schemes(`{"schemeType":"api-key","name":"k","in":"header","algorithm":"sha1"}`), 400, "authSchemeConfigs[0].algorithm"},
		{"none takes only schemeType", schemes(`{"schemeType":"none","name":"x"}`), 400, "authSchemeConfigs[0].name"},
		{"hmac algorithm enum", schemes(strings.Replace(hmac, "sha256", "md5", 1)), 400, "authSchemeConfigs[0].algorithm"},
		{"hmac digestInputs required", schemes(`{"schemeType":"hmac","name":"s","in":"header","algorithm":"sha1"}`), 400, "authSchemeConfigs[0].digestInputs"},
		{"hmac digestInputs enum", schemes(strings.Replace(hmac, `["body"]`, `["headers"]`, 1)), 400, "authSchemeConfigs[0].digestInputs[0]"},
		{"hmac in cookie accepted", schemes(strings.Replace(hmac, `"header"`, `"cookie"`, 1)), 0, ""},
		{"oauth2 flows required", schemes(strings.Replace(oauth2, `,"flows":{"clientCredentials":{}}`, "", 1)), 400, "authSchemeConfigs[0].flows"},
		{"oauth2 scopes required", schemes(strings.Replace(oauth2, `"scopes":[],`, "", 1)), 400, "authSchemeConfigs[0].scopes"},
		{"oauth2 at least one flow", schemes(strings.Replace(oauth2, `{"clientCredentials":{}}`, `{}`, 1)), 400, "authSchemeConfigs[0].flows"},
		{"oauth2 clientCredentials is empty", schemes(strings.Replace(oauth2, `{"clientCredentials":{}}`, `{"clientCredentials":{"x":1}}`, 1)), 400, "authSchemeConfigs[0].flows.clientCredentials.x"},
		{"oauth2 tokenUrl is a URI", schemes(strings.Replace(oauth2, "https://a.example.com/token", "token", 1)), 400, "authSchemeConfigs[0].tokenUrl"},
		{"oauth2 scope name required", schemes(strings.Replace(oauth2, `"scopes":[]`, `"scopes":[{"description":"d"}]`, 1)), 400, "authSchemeConfigs[0].scopes[0].name"},
		{"oauth2 authorizationCode credential exists", schemes(strings.Replace(oauth2, `{"clientCredentials":{}}`, `{"authorizationCode":{"applicationCredential":{"id":"01JD0000000000000000000000"}}}`, 1)), 400, "authSchemeConfigs[0].flows.authorizationCode.applicationCredential.id"},
		{"oauth2 authorizationCode accepted", schemes(strings.Replace(oauth2, `{"clientCredentials":{}}`, `{"authorizationCode":{"applicationCredential":{"id":"`+versori.CredOAuthClient+`"}}}`, 1)), 0, ""},
		{"every scheme accepted", schemes(apiKey, hmac, oauth2, `{"schemeType":"none"}`, `{"schemeType":"basic-auth"}`, `{"schemeType":"google-service-account"}`), 0, ""},
		// EnvironmentCreate: name, credentials, variables required; names unique.
		{"environment name required", envs(`{"credentials":{},"variables":[]}`), 400, "environments[0].name"},
		{"environment credentials required", envs(`{"name":"p","variables":[]}`), 400, "environments[0].credentials"},
		{"environment variables required", envs(`{"name":"p","credentials":{}}`), 400, "environments[0].variables"},
		{"no environment id on create", envs(`{"id":"01JD0000000000000000000000","name":"p","credentials":{},"variables":[]}`), 400, "environments[0].id"},
		{"environment names unique", envs(`{"name":"p","credentials":{},"variables":[]}`, `{"name":"p","credentials":{},"variables":[]}`), 400, "environments[1].name"},
		{"environment variable name required", envs(`{"name":"p","credentials":{},"variables":[{"value":"v"}]}`), 400, "environments[0].variables[0].name"},
		// EnvironmentCredentialCreate: authSchemeConfig and credential (create or {id}).
		{"binding credential required", envs(`{"name":"p","variables":[],"credentials":{"action":[{"authSchemeConfig":` + apiKey + `}]}}`), 400, "environments[0].credentials.action[0].credential"},
		{"binding authSchemeConfig required", envs(`{"name":"p","variables":[],"credentials":{"action":[{"credential":` + apiKeyID + `}]}}`), 400, "environments[0].credentials.action[0].authSchemeConfig"},
		{"binding is not {id, authSchemeConfig}", envs(`{"name":"p","variables":[],"credentials":{"action":[{"id":"` + versori.CredAPIKey + `","authSchemeConfig":` + apiKey + `}]}}`), 400, "environments[0].credentials.action[0].id"},
		{"credential reference is a ULID", envs(binding(apiKey, `{"id":"cred-1"}`)), 400, "environments[0].credentials.action[0].credential.id"},
		{"credential reference exists", envs(binding(apiKey, `{"id":"01JD0000000000000000000000"}`)), 400, "environments[0].credentials.action[0].credential.id"},
		{"credential type serves the scheme", envs(binding(`{"schemeType":"basic-auth"}`, apiKeyID)), 400, "environments[0].credentials.action[0].authSchemeConfig.schemeType"},
		{"binding scheme validated", envs(binding(`{"schemeType":"api-key","name":"k"}`, apiKeyID)), 400, "environments[0].credentials.action[0].authSchemeConfig.in"},
		{"new credential type required", envs(binding(apiKey, `{"name":"n","data":{"value":"v"}}`)), 400, "environments[0].credentials.action[0].credential.type"},
		{"new credential type enum", envs(binding(apiKey, `{"name":"n","type":"token","data":{}}`)), 400, "environments[0].credentials.action[0].credential.type"},
		{"credential reference accepted", envs(binding(apiKey, apiKeyID)), 0, ""},
		{"new credential accepted", envs(binding(apiKey, `{"name":"n","type":"string","data":{"value":"v"}}`)), 0, ""},
	})
}

func TestValidateCreateBigQuery(t *testing.T) {
	_, srv := start(t)
	checkRules(t, srv, "POST", "/protocols/bigquery/connections", minimalBigQuery, 201, []rule{
		// BigQueryConnectionCreate required: name, environments; datasetId optional.
		{"name required", `{"name":null}`, 400, "name"},
		{"environments required", `{"environments":null}`, 400, "environments"},
		{"datasetId form", `{"datasetId":"sales"}`, 400, "datasetId"},
		{"no baseUrl", `{"baseUrl":"https://a.example.com"}`, 400, "baseUrl"},
		{"no authSchemeConfigs", `{"authSchemeConfigs":[]}`, 400, "authSchemeConfigs"},
		{"no environmentVariables", `{"environmentVariables":[]}`, 400, "environmentVariables"},
		{"datasetId accepted", `{"datasetId":"my-project.sales"}`, 0, ""},
		// Google's limits: project ids 6 to 30 characters, dataset ids up to 1,024.
		{"datasetId project too short", `{"datasetId":"proj.ds"}`, 400, "datasetId"},
		{"datasetId project trailing hyphen", `{"datasetId":"my-project-.sales"}`, 400, "datasetId"},
		{"datasetId longest", `{"datasetId":"a` + strings.Repeat("b", 29) + `.` + strings.Repeat("d", 1024) + `"}`, 0, ""},
		{"datasetId dataset too long", `{"datasetId":"my-project.` + strings.Repeat("d", 1025) + `"}`, 400, "datasetId"},
	})
	if status, body := call(t, srv, "POST", "/protocols/soap/connections", minimalBigQuery); status != 404 || body["code"] != "not_found" {
		t.Fatalf("unknown protocol: %d %v", status, body)
	}
}

func TestValidateUpdateConnection(t *testing.T) {
	_, srv := start(t)
	_, c := call(t, srv, "POST", "/protocols/http/connections", `{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[],"environments":[`+apiKeyEnv+`]}`)
	id := c["id"].(string)
	env := c["environments"].([]any)[0].(map[string]any)
	envID := env["id"].(string)
	bindingID := env["credentials"].(map[string]any)["action"].([]any)[0].(map[string]any)["id"].(string)
	repeat := `{"id":"` + envID + `","name":"p","variables":[],"credentials":{"action":[{"id":"` + bindingID + `","authSchemeConfig":` + apiKey + `}],"trigger":[]}}`
	minimal := `{"id":"` + id + `","organisationId":"` + org + `","name":"b","protocol":"http","baseUrl":"https://a.example.com"}`
	checkRules(t, srv, "PUT", "/connections/"+id, minimal, 200, []rule{
		// HTTPConnectionUpdate required: id, organisationId, name, protocol, baseUrl.
		{"id required", `{"id":null}`, 400, "id"},
		{"organisationId required", `{"organisationId":null}`, 400, "organisationId"},
		{"name required", `{"name":null}`, 400, "name"},
		{"protocol required", `{"protocol":null}`, 400, "protocol"},
		{"baseUrl required", `{"baseUrl":null}`, 400, "baseUrl"},
		{"id is a ULID", `{"id":"c1"}`, 400, "id"},
		{"id matches the path", `{"id":"01JD0000000000000000000000"}`, 400, "id"},
		{"organisationId matches the path", `{"organisationId":"01JD0000000000000000000000"}`, 400, "organisationId"},
		{"protocol enum", `{"protocol":"soap"}`, 400, "protocol"},
		{"protocol cannot change", `{"protocol":"bigquery","baseUrl":null,"datasetId":"my-project.sales"}`, 400, "protocol"},
		{"no datasetId on http", `{"datasetId":"my-project.sales"}`, 400, "datasetId"},
		{"scheme validated", schemes(`{"schemeType":"hmac"}`), 400, "authSchemeConfigs[0].name"},
		{"existing environment unknown", envs(`{"id":"01JD0000000000000000000000","name":"p"}`), 400, "environments[0].id"},
		{"existing environment name required", envs(`{"id":"` + envID + `"}`), 400, "environments[0].name"},
		{"existing environment unchanged", envs(strings.Replace(repeat, `"name":"p"`, `"name":"q"`, 1)), 400, "environments[0]"},
		{"existing environment credentials unchanged", envs(strings.Replace(repeat, `"in":"header"`, `"in":"query"`, 1)), 400, "environments[0]"},
		{"new environment is an EnvironmentCreate", envs(repeat, `{"name":"q"}`), 400, "environments[1].credentials"},
		{"environment repeated and added", envs(repeat, strings.Replace(apiKeyEnv, `"p"`, `"q"`, 1)), 0, ""},
	})
	_, bq := call(t, srv, "POST", "/protocols/bigquery/connections", minimalBigQuery)
	bqID := bq["id"].(string)
	checkRules(t, srv, "PUT", "/connections/"+bqID, `{"id":"`+bqID+`","organisationId":"`+org+`","name":"w","protocol":"bigquery","datasetId":"my-project.sales"}`, 200, []rule{
		// BigQueryConnectionUpdate required: datasetId; no environmentVariables or baseUrl.
		{"datasetId required", `{"datasetId":null}`, 400, "datasetId"},
		{"no environmentVariables", `{"environmentVariables":[]}`, 400, "environmentVariables"},
		{"no baseUrl", `{"baseUrl":"https://a.example.com"}`, 400, "baseUrl"},
		{"authSchemeConfigs accepted", schemes(`{"schemeType":"google-service-account"}`), 0, ""},
	})
}

func TestValidateUpdateEnvironment(t *testing.T) {
	_, srv := start(t)
	_, c := call(t, srv, "POST", "/protocols/http/connections", `{"name":"a","baseUrl":"https://a.example.com","authSchemeConfigs":[],"environments":[`+
		`{"name":"p","variables":[],"credentials":{"action":[{"authSchemeConfig":`+apiKey+`,"credential":`+apiKeyID+`},{"authSchemeConfig":`+hmac+`,"credential":{"id":"`+versori.CredHMAC+`"}}]}},`+
		`{"name":"other","credentials":{},"variables":[]}]}`)
	id := c["id"].(string)
	env := c["environments"].([]any)[0].(map[string]any)
	envID := env["id"].(string)
	action := env["credentials"].(map[string]any)["action"].([]any)
	b0, b1 := action[0].(map[string]any)["id"].(string), action[1].(map[string]any)["id"].(string)
	creds := func(items ...string) string {
		return `{"credentials":{"action":[` + strings.Join(items, ",") + `]}}`
	}
	item := func(id, scheme string) string { return `{"id":"` + id + `","authSchemeConfig":` + scheme + `}` }
	checkRules(t, srv, "PUT", "/connections/"+id+"/environments/"+envID, `{"id":"`+envID+`","name":"p"}`, 200, []rule{
		// EnvironmentUpdate required: id, name.
		{"id required", `{"id":null}`, 400, "id"},
		{"name required", `{"name":null}`, 400, "name"},
		{"id matches the path", `{"id":"01JD0000000000000000000000"}`, 400, "id"},
		{"name unique in the connection", `{"name":"other"}`, 400, "name"},
		{"variable value required", `{"variables":[{"name":"x"}]}`, 400, "variables[0].value"},
		{"variables is an array", `{"variables":{}}`, 400, "variables"},
		// EnvironmentCredentialsUpdate: reorder and edit auth schemes, nothing else.
		{"binding id is a ULID", creds(item("b", apiKey)), 400, "credentials.action[0].id"},
		{"binding is the environment's", creds(item(versori.CredAPIKey, apiKey), item(b1, hmac)), 400, "credentials.action[0].id"},
		{"every binding listed", creds(item(b0, apiKey)), 400, "credentials.action"},
		{"schemeType unchanged", creds(item(b0, apiKey), item(b1, apiKey)), 400, "credentials.action[1].authSchemeConfig.schemeType"},
		{"reorder and edit accepted", creds(item(b1, strings.Replace(hmac, "sha256", "sha512", 1)), item(b0, strings.Replace(apiKey, "header", "query", 1))), 0, ""},
	})
	if status, body := call(t, srv, "PUT", "/connections/"+id+"/environments/01JD0000000000000000000000", `{"id":"01JD0000000000000000000000","name":"p"}`); status != 404 || body["code"] != "not_found" {
		t.Fatalf("unknown environment: %d %v", status, body)
	}
}

func TestValidateQueryAndPath(t *testing.T) {
	_, srv := start(t)
	_, c := call(t, srv, "POST", "/protocols/http/connections", minimalHTTP)
	id := c["id"].(string)
	for _, tc := range []struct {
		name, method, path string
		status             int
		field              string
	}{
		// ListConnections: first is an integer; sort follows the spec's pattern.
		{"first integer", "GET", "/connections?first=ten", 400, "first"},
		{"first at least 1", "GET", "/connections?first=0", 400, "first"},
		{"first at most 100", "GET", "/connections?first=101", 400, "first"},
		{"sort pattern", "GET", "/connections?sort=name", 400, "sort"},
		{"sort direction", "GET", "/connections?sort=name:up", 400, "sort"},
		{"after or before", "GET", "/connections?after=x&before=y", 400, "before"},
		{"cursor from this list", "GET", "/connections?after=bogus", 400, "after"},
		{"list accepted", "GET", "/connections?first=100&sort=name:asc,id:desc&protocol=http", 200, ""},
		// Path ids are `format: ulid`.
		{"connection_id ULID", "GET", "/connections/c1", 400, "connection_id"},
		{"environment_id ULID", "GET", "/connections/" + id + "/environments/e1", 400, "environment_id"},
		{"credential_id ULID", "GET", "/credentials/k1", 400, "credential_id"},
		{"unknown connection", "GET", "/connections/01JD0000000000000000000000", 404, ""},
		{"unknown credential", "GET", "/credentials/01JD0000000000000000000000", 404, ""},
		{"get accepted", "GET", "/connections/" + id, 200, ""},
		// DeleteConnection: force is a boolean.
		{"force boolean", "DELETE", "/connections/" + id + "?force=yes", 400, "force"},
	} {
		status, body := call(t, srv, tc.method, tc.path, "")
		if status != tc.status {
			t.Errorf("%s: %d, want %d: %v", tc.name, status, tc.status, body)
			continue
		}
		if status >= 400 {
			checkErrorBody(t, tc.name, body, tc.field)
		}
	}
	if status, body := callOrg(t, srv, "org-1", "GET", "/connections", ""); status != 400 || !strings.Contains(toJSON(body), `"field":"organisation_id"`) {
		t.Fatalf("organisation_id must be a ULID: %d %v", status, body)
	}
	if status, _ := callOrg(t, srv, "01JD0000000000000000000000", "GET", "/connections", ""); status != 404 {
		t.Fatalf("unknown organisation: %d", status)
	}
	if status, body := call(t, srv, "POST", "/protocols/http/connections", `{"name":`); status != 400 || body["code"] != "invalid_argument" {
		t.Fatalf("a body that is not JSON: %d %v", status, body)
	}
}
