package versori_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbversori "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/versori"
)

const (
	routeCreate = "POST /api/connect/v1alpha1/o/{organisation_id}/protocols/http/connections"
	routeList   = "GET /api/connect/v1alpha1/o/{organisation_id}/connections"
)

func newAPI(t *testing.T) (*versori.API, *sandbox.Server, string) {
	t.Helper()
	creds := sandbox.DefaultCredentials()
	sb := sandbox.NewWithCredentials(creds)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	api := clienttest.Connect[*versori.API](t, &versori.Service, creds.Blocks(srv.URL)["versori"], client.Options{})
	return api, sb, creds.VersoriOrg
}

var apiKeyScheme = versori.AuthSchemeConfig{SchemeType: "api-key", Name: "X-Api-Key", In: "header"}

func httpInput(name string) versori.CreateInput {
	return versori.CreateInput{
		Name: name, BaseURL: "https://api.example.com",
		AuthSchemeConfigs:    []versori.AuthSchemeConfig{apiKeyScheme},
		EnvironmentVariables: []versori.Variable{{Name: "region", Value: "eu"}},
		Environments: []versori.EnvironmentCreate{{Name: "production", Variables: []versori.Variable{{Name: "tier", Value: "gold"}},
			Credentials: versori.EnvironmentCredentialsCreate{Action: []versori.EnvironmentCredentialCreate{{
				AuthSchemeConfig: apiKeyScheme, Credential: versori.CredentialRef{ID: sbversori.CredAPIKey}}}}}},
	}
}

func TestCreateGetReplaceDelete(t *testing.T) {
	api, sb, org := newAPI(t)
	ctx := context.Background()
	c, err := api.Create(ctx, org, versori.ProtocolHTTP, httpInput("orders"))
	if err != nil {
		t.Fatal(err)
	}
	if !isULID(c.ID) || len(c.Environments) != 1 || !isULID(c.Environments[0].ID) {
		t.Fatalf("want ULID ids, got %+v", c)
	}
	if c.Protocol != "http" || c.OrganisationID != org || c.CreatedAt == "" || c.UpdatedAt == "" || len(c.Versions) == 0 {
		t.Fatalf("created %+v", c)
	}
	env := c.Environments[0]
	if got := fmt.Sprint(env.Variables); got != "[{region eu} {tier gold}]" {
		t.Fatalf("environment variables start from the connection's: %s", got)
	}
	b := env.Credentials.Action[0]
	cred := b.Credential
	if cred == nil || cred.Type != "string" || strings.Contains(string(cred.Data), "sbx-secret") || len(cred.Usages) != 1 {
		t.Fatalf("credential expansion %+v (data %s)", cred, cred.Data)
	}
	// The binding's id is its own; the credential's is inside it.
	if b.CredentialID() != sbversori.CredAPIKey || b.ID == sbversori.CredAPIKey || !isULID(b.ID) {
		t.Fatalf("binding %+v", b)
	}

	got, err := api.Get(ctx, org, c.ID)
	if err != nil || got.Name != "orders" {
		t.Fatalf("get: %v %+v", err, got)
	}

	// Full replace: the existing environment repeated unchanged plus a new one.
	repeat := env.AsUpdate()
	in := versori.ReplaceInput{Name: "orders v2", Protocol: "http", BaseURL: "https://api2.example.com",
		Environments: []versori.EnvironmentUpdateOrCreate{{Update: &repeat}, {Create: &versori.EnvironmentCreate{Name: "staging"}}}}
	put, err := api.Replace(ctx, org, c.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if put.Name != "orders v2" || len(put.AuthSchemeConfigs) != 0 || len(put.EnvironmentVariables) != 0 || len(put.Environments) != 2 {
		t.Fatalf("replace %+v", put)
	}
	if put.Environments[0].ID != env.ID || put.UpdatedAt == c.UpdatedAt {
		t.Fatalf("environment id kept and updatedAt changed: %+v", put)
	}
	// The removed connection variable left the environment, its own stayed.
	if got := fmt.Sprint(put.Environments[0].Variables); got != "[{tier gold}]" {
		t.Fatalf("variables after replace: %s", got)
	}

	// Editing an existing environment through the connection PUT is refused.
	edited := put.Environments[0].AsUpdate()
	*edited.Variables = append(*edited.Variables, versori.Variable{Name: "x", Value: "y"})
	in.Environments = []versori.EnvironmentUpdateOrCreate{{Update: &edited}}
	_, err = api.Replace(ctx, org, c.ID, in)
	var apiErr *client.APIError
	if !errorsAs(err, &apiErr) || apiErr.Status != 400 || len(apiErr.Fields) != 1 || apiErr.Fields[0].Field != "environments[0]" {
		t.Fatalf("want a 400 field error on environments[0], got %v", err)
	}
	if !strings.Contains(err.Error(), "PUT /api/connect/v1alpha1/o/"+org+"/connections/"+c.ID+": 400 Bad Request: validation failed (invalid_argument)\n  - environments[0]: existing environments can only be repeated unchanged") {
		t.Fatalf("error text: %v", err)
	}

	// UpdateEnvironment edits it; the schemeType of a bound credential is fixed.
	vars := []versori.Variable{{Name: "tier", Value: "silver"}}
	upd, err := api.UpdateEnvironment(ctx, org, c.ID, versori.EnvironmentUpdate{ID: env.ID, Name: "prod", Variables: &vars})
	if err != nil || upd.Name != "prod" || fmt.Sprint(upd.Variables) != "[{tier silver}]" || len(upd.Credentials.Action) != 1 {
		t.Fatalf("update environment: %v %+v", err, upd)
	}
	_, err = api.UpdateEnvironment(ctx, org, c.ID, versori.EnvironmentUpdate{ID: env.ID, Name: "prod",
		Credentials: &versori.EnvironmentCredentialsUpdate{Action: []versori.EnvironmentCredentialUpdate{{ID: b.ID,
			AuthSchemeConfig: versori.AuthSchemeConfig{SchemeType: "hmac", Name: "sig", In: "header", Algorithm: "sha256", DigestInputs: []string{"body"}}}}}})
	if !errorsAs(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(err.Error(), "credentials.action[0].authSchemeConfig.schemeType: cannot be changed from api-key to hmac") {
		t.Fatalf("want schemeType immutability error, got %v", err)
	}

	// In use: 409 (v1alpha1) or 412 (v1) without force, 204 with it; a second delete is success.
	for _, status := range []int{409, 412} {
		if err := sb.Versori().SetInUseStatus(org, c.ID, status); err != nil {
			t.Fatal(err)
		}
		if err := api.Delete(ctx, org, c.ID, false); !versori.IsInUse(err) || !strings.Contains(err.Error(), fmt.Sprint(status)) {
			t.Fatalf("want %d in use, got %v", status, err)
		}
	}
	if err := api.Delete(ctx, org, c.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Get(ctx, org, c.ID); !client.IsNotFound(err) {
		t.Fatalf("want 404 after delete, got %v", err)
	}
	if err := api.Delete(ctx, org, c.ID, false); err != nil {
		t.Fatalf("delete of a gone connection: %v", err)
	}
}

func TestCreateValidation(t *testing.T) {
	api, sb, org := newAPI(t)
	in := httpInput("bad")
	in.BaseURL = "not a url"
	in.AuthSchemeConfigs = []versori.AuthSchemeConfig{{SchemeType: "hmac", Name: "sig"}}
	in.Environments = append(in.Environments, versori.EnvironmentCreate{Name: "production"})
	in.Environments[0].Credentials.Action[0].Credential.ID = "01JDCRED00000000000000N0PE"
	_, err := api.Create(context.Background(), org, versori.ProtocolHTTP, in)
	var apiErr *client.APIError
	if !errorsAs(err, &apiErr) || apiErr.Status != 400 {
		t.Fatalf("want 400, got %v", err)
	}
	fields := map[string]string{}
	for _, f := range apiErr.Fields {
		fields[f.Field] = f.Message
	}
	for _, want := range []string{"baseUrl", "authSchemeConfigs[0].in", "authSchemeConfigs[0].algorithm",
		"environments[1].name", "environments[0].credentials.action[0].credential.id"} {
		if fields[want] == "" {
			t.Errorf("no field error for %s in %v", want, fields)
		}
	}
	if len(sb.Objects("versori")) != 0 {
		t.Fatal("an invalid create stored a connection")
	}
}

func TestListFollowsCursors(t *testing.T) {
	api, sb, org := newAPI(t)
	ctx := context.Background()
	for i := range 5 {
		if _, err := api.Create(ctx, org, versori.ProtocolBigQuery, versori.CreateInput{Name: fmt.Sprintf("bq-%d", i), DatasetID: "my-project.sales"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := api.Create(ctx, org, versori.ProtocolHTTP, httpInput("web")); err != nil {
		t.Fatal(err)
	}
	sb.ResetCounts()
	all, err := api.List(ctx, org, versori.ListOptions{First: 2, Protocol: "bigquery", Sort: "name:asc"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range all {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "bq-0,bq-1,bq-2,bq-3,bq-4" {
		t.Fatalf("names %v", names)
	}
	if n := sb.Counts()[routeList]; n != 3 {
		t.Fatalf("want 3 pages for 5 items at 2 per page, got %d", n)
	}
}

func TestRequestsAndErrorDecoding(t *testing.T) {
	var method, path, query string
	var body map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method, path, query = r.Method, r.URL.EscapedPath(), r.URL.RawQuery
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &body)
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusConflict)
			_, _ = w.Write([]byte(`{"code":"conflict","message":"connection in use","cause":"2 integrations"}`))
			return
		}
		_, _ = w.Write([]byte(`{"id":"c1","organisationId":"o/1","name":"n","protocol":"http","environments":[]}`))
	}))
	t.Cleanup(srv.Close)
	api := clienttest.Connect[*versori.API](t, &versori.Service, map[string]string{"endpoint": srv.URL + "/api", "api_key": "k"}, client.Options{Retry: client.DefaultRetryPolicy(0)})
	if _, err := api.Replace(context.Background(), "o/1", "c 1", versori.ReplaceInput{Name: "n", Protocol: "http", BaseURL: "https://x"}); err != nil {
		t.Fatal(err)
	}
	if method != "PUT" || path != "/api/o/o%2F1/connections/c%201" {
		t.Fatalf("sent %s %s", method, path)
	}
	// The PUT states the whole object: empty lists, not omitted ones.
	for _, k := range []string{"authSchemeConfigs", "environments", "environmentVariables"} {
		if v, ok := body[k].([]any); !ok || len(v) != 0 {
			t.Fatalf("%s: want [], body %v", k, body)
		}
	}
	if body["id"] != "c 1" || body["organisationId"] != "o/1" {
		t.Fatalf("body %v", body)
	}
	err := api.Delete(context.Background(), "o1", "c1", true)
	if query != "force=true" || !client.IsConflict(err) || !strings.Contains(err.Error(), "409 Conflict: connection in use (cause: 2 integrations) (conflict)") {
		t.Fatalf("query %q err %v", query, err)
	}
}

func errorsAs(err error, target **client.APIError) bool {
	e, ok := err.(*client.APIError)
	if ok {
		*target = e
	}
	return ok
}

// isULID is the spec's `format: ulid`, in the canonical upper case.
var isULID = regexp.MustCompile(`^[0-7][0-9A-HJKMNP-TV-Z]{25}$`).MatchString
