package versori_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// recorder answers every request with a connection and keeps the last body.
func recorder(t *testing.T) (*versori.API, *string, *string) {
	t.Helper()
	var path, body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		path, body = r.Method+" "+r.URL.Path, string(b)
		_, _ = w.Write([]byte(`{"id":"01JD0000000000000000000000","organisationId":"o","name":"n","protocol":"http","environments":[]}`))
	}))
	t.Cleanup(srv.Close)
	api := clienttest.Connect[*versori.API](t, &versori.Service, map[string]string{"endpoint": srv.URL, "api_key": "k"}, client.Options{Retry: client.DefaultRetryPolicy(0)})
	return api, &path, &body
}

// The request bodies follow the spec's schemas exactly: required lists are
// sent even when empty, fields a protocol's schema lacks are not sent.
func TestRequestBodies(t *testing.T) {
	api, path, body := recorder(t)
	ctx := context.Background()
	ref := versori.CredentialRef{ID: "01JDCRED000000000000APKEY1"}
	for _, tc := range []struct {
		name string
		send func() error
		path string
		want string
	}{
		{
			// HTTPConnectionCreate requires authSchemeConfigs and environments.
			name: "http create, no schemes, no environments",
			send: func() error {
				_, err := api.Create(ctx, "o", versori.ProtocolHTTP, versori.CreateInput{Name: "n", BaseURL: "https://a.example"})
				return err
			},
			path: "POST /o/o/protocols/http/connections",
			want: `{"name":"n","baseUrl":"https://a.example","authSchemeConfigs":[],"environments":[]}`,
		},
		{
			// BigQueryConnectionCreate: name, datasetId, environments only.
			name: "bigquery create",
			send: func() error {
				_, err := api.Create(ctx, "o", versori.ProtocolBigQuery, versori.CreateInput{Name: "w", DatasetID: "p.d"})
				return err
			},
			path: "POST /o/o/protocols/bigquery/connections",
			want: `{"name":"w","datasetId":"p.d","environments":[]}`,
		},
		{
			// EnvironmentCreate requires name, credentials and variables; a
			// credential is referenced as {authSchemeConfig, credential: {id}}.
			name: "environment with a credential reference",
			send: func() error {
				_, err := api.Create(ctx, "o", versori.ProtocolHTTP, versori.CreateInput{Name: "n", BaseURL: "https://a.example",
					Environments: []versori.EnvironmentCreate{{Name: "p", Credentials: versori.EnvironmentCredentialsCreate{
						Action: []versori.EnvironmentCredentialCreate{{AuthSchemeConfig: versori.AuthSchemeConfig{SchemeType: "api-key", Name: "k", In: "header"}, Credential: ref}}}}}})
				return err
			},
			path: "POST /o/o/protocols/http/connections",
			want: `{"name":"n","baseUrl":"https://a.example","authSchemeConfigs":[],"environments":[{"name":"p","credentials":{"action":[{"authSchemeConfig":{"schemeType":"api-key","name":"k","in":"header"},"credential":{"id":"01JDCRED000000000000APKEY1"}}],"trigger":[]},"variables":[]}]}`,
		},
		{
			// Every scheme sends its variant's fields, all required: oauth2 scopes and flows, hmac digestInputs.
			name: "auth schemes",
			send: func() error {
				_, err := api.Create(ctx, "o", versori.ProtocolHTTP, versori.CreateInput{Name: "n", BaseURL: "https://a.example", AuthSchemeConfigs: []versori.AuthSchemeConfig{
					{SchemeType: "none", Name: "ignored"},
					{SchemeType: "hmac", Name: "s", In: "cookie", Algorithm: "sha1"},
					{SchemeType: "oauth2", AuthorizeURL: "https://a.example/a", TokenURL: "https://a.example/t", Flows: &versori.OAuth2Flows{ClientCredentials: &struct{}{},
						AuthorizationCode: &versori.OAuth2AuthorizationCode{ApplicationCredential: ref}}},
				}})
				return err
			},
			path: "POST /o/o/protocols/http/connections",
			want: `{"name":"n","baseUrl":"https://a.example","authSchemeConfigs":[{"schemeType":"none"},` +
				`{"schemeType":"hmac","name":"s","in":"cookie","algorithm":"sha1","digestInputs":[]},` +
				`{"schemeType":"oauth2","authorizeUrl":"https://a.example/a","tokenUrl":"https://a.example/t","scopes":[],"flows":{"clientCredentials":{},"authorizationCode":{"applicationCredential":{"id":"01JDCRED000000000000APKEY1"}}}}],"environments":[]}`,
		},
		{
			// BigQueryConnectionUpdate has datasetId, not baseUrl or environmentVariables.
			name: "bigquery replace",
			send: func() error {
				_, err := api.Replace(ctx, "o", "c", versori.ReplaceInput{Name: "w", Protocol: "bigquery", DatasetID: "p.d", EnvironmentVariables: []versori.Variable{{Name: "x", Value: "y"}}})
				return err
			},
			path: "PUT /o/o/connections/c",
			want: `{"id":"c","organisationId":"o","name":"w","protocol":"bigquery","authSchemeConfigs":[],"environments":[],"datasetId":"p.d"}`,
		},
		{
			// An existing environment is repeated with its bindings' own ids; a new one is an EnvironmentCreate.
			name: "replace with existing and new environments",
			send: func() error {
				env := versori.Environment{ID: "e1", Name: "p", Variables: []versori.Variable{{Name: "a", Value: "b"}}, Credentials: &versori.EnvironmentCredentials{
					Action: []versori.EnvironmentCredential{{ID: "b1", AuthSchemeConfig: versori.AuthSchemeConfig{SchemeType: "none"}, Credential: &versori.Credential{ID: "c9", Name: "x"}}}}}
				repeat := env.AsUpdate()
				_, err := api.Replace(ctx, "o", "c", versori.ReplaceInput{Name: "n", Protocol: "http", BaseURL: "https://a.example",
					Environments: []versori.EnvironmentUpdateOrCreate{{Update: &repeat}, {Create: &versori.EnvironmentCreate{Name: "q"}}}})
				return err
			},
			path: "PUT /o/o/connections/c",
			want: `{"id":"c","organisationId":"o","name":"n","protocol":"http","authSchemeConfigs":[],"environments":[` +
				`{"id":"e1","name":"p","credentials":{"action":[{"id":"b1","authSchemeConfig":{"schemeType":"none"}}],"trigger":[]},"variables":[{"name":"a","value":"b"}]},` +
				`{"name":"q","credentials":{"action":[],"trigger":[]},"variables":[]}],"baseUrl":"https://a.example","environmentVariables":[]}`,
		},
	} {
		if err := tc.send(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if *path != tc.path || !sameJSON(*body, tc.want) {
			t.Errorf("%s:\n sent %s %s\n want %s %s", tc.name, *path, *body, tc.path, tc.want)
		}
	}
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return string(ja) == string(jb)
}

func TestCredentialIDAndInUse(t *testing.T) {
	var c versori.Connection
	// Seed 002's answer: a binding id beside the credential's own id.
	_ = json.Unmarshal([]byte(`{"id":"c","environments":[{"id":"e","name":"p","credentials":{"action":[{"id":"01JDB1ND000000000000000000","authSchemeConfig":{"schemeType":"none"},"credential":{"id":"01JDCRED000000000000N0NE01","type":"none","name":"n","data":{}}}],"trigger":[]},"variables":[]}]}`), &c)
	b := c.Environments[0].Credentials.Action[0]
	if b.ID != "01JDB1ND000000000000000000" || b.CredentialID() != "01JDCRED000000000000N0NE01" {
		t.Fatalf("binding %+v credential %q", b, b.CredentialID())
	}
	if (versori.EnvironmentCredential{ID: "b"}).CredentialID() != "" {
		t.Fatal("no credential in the answer: the binding id is not the credential id")
	}
	for status, want := range map[int]bool{409: true, 412: true, 400: false, 404: false} {
		if got := versori.IsInUse(&client.APIError{Status: status}); got != want {
			t.Errorf("IsInUse(%d) = %v", status, got)
		}
	}
}

func TestDecodeErrorDetails(t *testing.T) {
	// v1's Error carries `details` where v1alpha1 has `cause`.
	msg, code, fields := versori.DecodeError(412, []byte(`{"code":"failed_precondition","message":"connection in use","details":"2 boards"}`))
	if msg != "connection in use (details: 2 boards)" || code != "failed_precondition" || fields != nil {
		t.Fatalf("%q %q %v", msg, code, fields)
	}
}
