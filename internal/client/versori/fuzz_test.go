package versori_test

import (
	"context"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// FuzzResponses: whatever Versori answers, no call panics; a non-2xx answer
// is an error naming the request, and a list ends.
func FuzzResponses(f *testing.F) {
	for _, s := range []struct {
		status uint8
		body   string
	}{
		{1, `{"id":"01J0","organisationId":"01JO","name":"c","protocol":"http","baseUrl":"https://a.example","authSchemeConfigs":[{"schemeType":"api-key","name":"k","in":"header"}],"environmentVariables":[{"name":"a","value":"b"}],"environments":[{"id":"01JE","name":"prod","credentials":{"action":[{"id":"cr","authSchemeConfig":{"schemeType":"none"}}],"trigger":[]},"variables":[]}],"versions":[{"id":"v","name":"1","isLatest":true}],"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}`},
		{0, `{"id":"01J1","name":"bq","protocol":"bigquery","datasetId":"p.d","environments":null}`},
		{0, `{"totalCount":3,"next":"c2","connections":[{"id":"01J0","name":"a"},{"id":"01J1","name":"b"}]}`},
		{0, `{"totalCount":1,"connections":[{"id":"01J0"}]}`},
		{0, `{"totalCount":0,"connections":[]}`},
		{0, `{"id":"01JE","name":"prod","variables":[{"name":"x","value":"y"}]}`},
		{3, `{"code":"invalid_argument","message":"validation failed","fields":[{"field":"baseUrl","message":"must be a URL"}]}`},
		{6, `{"code":409,"message":"connection in use","cause":"2 integrations"}`},
		{2, ``}, {0, `null`}, {0, `{"environments":[null]}`}, {0, `{"connections":"x"}`},
	} {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, statusIndex uint8, body []byte) {
		status := clienttest.Status(statusIndex)
		api := func() *versori.API {
			return clienttest.Connect[*versori.API](t, &versori.Service, map[string]string{"endpoint": clienttest.Base, "api_key": "k"}, clienttest.Answering(status, body, 3))
		}
		ctx := context.Background()
		for name, call := range map[string]func() (*versori.Connection, error){
			"GET": func() (*versori.Connection, error) { return api().Get(ctx, "o", "c") },
			"POST": func() (*versori.Connection, error) {
				return api().Create(ctx, "o", versori.ProtocolHTTP, versori.CreateInput{Name: "c"})
			},
			"PUT": func() (*versori.Connection, error) {
				return api().Replace(ctx, "o", "c", versori.ReplaceInput{Name: "c"})
			},
		} {
			got, err := call()
			clienttest.CheckError(t, name, status, err, name)
			if err == nil && (got == nil || got.ID == "") {
				t.Fatalf("%s: no error and no connection id: %+v", name, got)
			}
		}
		_, err := api().GetEnvironment(ctx, "o", "c", "e")
		clienttest.CheckError(t, "GetEnvironment", status, err, "GET")
		_, err = api().UpdateEnvironment(ctx, "o", "c", versori.EnvironmentUpdate{ID: "e"})
		clienttest.CheckError(t, "UpdateEnvironment", status, err, "PUT")
		clienttest.CheckDelete(t, status, api().Delete(ctx, "o", "c", false))
		_, err = api().List(ctx, "o", versori.ListOptions{})
		clienttest.CheckError(t, "List", status, err, "GET")
	})
}
