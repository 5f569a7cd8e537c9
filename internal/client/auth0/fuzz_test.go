package auth0_test

import (
	"context"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
)

// FuzzResponses: whatever the Management API answers, no call panics; a
// non-2xx answer is an error naming the request, and a success returns an object.
func FuzzResponses(f *testing.F) {
	for _, s := range []struct {
		status uint8
		body   string
	}{
		{0, `{"connection_id":"con_1","assign_membership_on_login":true,"show_as_button":true,"organization_access_level":"none","is_enabled":true,"connection":{"name":"db","strategy":"auth0"}}`},
		{1, `{"connection_id":"con_1","organization_connection_name":"Staff","is_signup_enabled":false}`},
		{0, `{"connections":[{"connection_id":"con_1"},{"connection_id":"con_2"}],"start":0,"limit":50,"total":3}`},
		{0, `[{"connection_id":"con_1"}]`},
		{0, `{"connections":[],"start":0,"limit":50,"total":0}`},
		{2, ``},
		{5, `{"statusCode":404,"error":"Not Found","message":"The connection does not exist","errorCode":"inexistent_connection"}`},
		{7, `{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"}`},
		{6, `{"statusCode":409,"message":"conflict"}`},
		{0, `{"connection_id":7}`}, {0, `null`}, {0, `[]`}, {0, `{"connections":null,"total":-1}`},
	} {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, statusIndex uint8, body []byte) {
		status := clienttest.Status(statusIndex)
		api := func() *auth0.API {
			return clienttest.Connect[*auth0.API](t, &auth0.Service, map[string]string{"endpoint": clienttest.Base, "api_token": "t"}, clienttest.Answering(status, body, 3))
		}
		ctx := context.Background()
		got, err := api().Get(ctx, "org_1", "con_1")
		clienttest.CheckError(t, "Get", status, err, "GET")
		if err == nil && got == nil {
			t.Fatal("Get: no error and no object")
		}
		got, err = api().Add(ctx, "org_1", "con_1", auth0.Settings{})
		if status == 502 && !client.IsOutcomeUnknown(err) {
			t.Fatalf("Add: a 502 on a POST must leave the outcome unknown, got %v", err)
		}
		clienttest.CheckError(t, "Add", status, err, "POST")
		if err == nil && got == nil {
			t.Fatal("Add: no error and no object")
		}
		_, err = api().Update(ctx, "org_1", "con_1", auth0.Settings{})
		clienttest.CheckError(t, "Update", status, err, "PATCH")
		clienttest.CheckDelete(t, status, api().Delete(ctx, "org_1", "con_1"))
		_, err = api().List(ctx, "org_1", auth0.ListOptions{})
		clienttest.CheckError(t, "List", status, err, "GET")
	})
}
