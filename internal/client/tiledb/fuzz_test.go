package tiledb_test

import (
	"context"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
)

// FuzzResponses: whatever TileDB answers (JSON or a proxy's page), no call
// panics; a non-2xx answer is an error naming the request, a read returns a
// named credential, and a list ends.
func FuzzResponses(f *testing.F) {
	for _, s := range []struct {
		status uint8
		body   string
	}{
		{0, `{"uuid":"u-1","name":"c","provider":"AWS","provider_default":true,"allowed_in_tasks":false,"created_at":"2026-01-01T00:00:00Z","credential":{"aws":{"access_key_id":"AKIA1"}}}`},
		{0, `{"name":"sa","provider":"GCP","token":{"gcp":{"account_id":"a@p.iam.gserviceaccount.com","key_id":"k1"}}}`},
		{0, `{"name":"r","role":{"aws":{"role_arn":"arn:aws:iam::1:role/r"}}}`},
		{0, `{"credentials":[{"name":"a"},{"name":"b"}],"pagination_metadata":{"page":1,"per_page":2,"total_pages":3,"total_items":5}}`},
		{0, `{"credentials":[{"name":"a"}]}`},
		{0, `{"credentials":[],"pagination_metadata":{"page":1,"per_page":100,"total_pages":0,"total_items":0}}`},
		{2, ``},
		{5, `{"code":1003,"message":"credential x not found","request_id":"r-1"}`},
		{6, `{"code":"1004","message":"a credential named \"c\" already exists"}`},
		{9, `<html><body>502 Bad Gateway</body></html>`},
		{0, `null`}, {0, `{"name":7}`}, {0, `{"credentials":null,"pagination_metadata":{"total_pages":-1}}`},
	} {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, statusIndex uint8, body []byte) {
		status := clienttest.Status(statusIndex)
		api := func() *tiledb.API {
			return clienttest.Connect[*tiledb.API](t, &tiledb.Service, map[string]string{"endpoint": clienttest.Base, "api_key": "k"}, clienttest.Answering(status, body, 3))
		}
		ctx := context.Background()
		got, err := api().Get(ctx, "ns", "c")
		clienttest.CheckError(t, "Get", status, err, "GET")
		if err == nil && (got == nil || got.Name == "") {
			t.Fatalf("Get: no error and no credential: %+v", got)
		}
		clienttest.CheckError(t, "Create", status, api().Create(ctx, "ns", tiledb.AccessCredential{Name: "c"}), "POST")
		clienttest.CheckError(t, "Update", status, api().Update(ctx, "ns", "c", tiledb.AccessCredential{}), "PATCH")
		clienttest.CheckDelete(t, status, api().Delete(ctx, "ns", "c"))
		_, err = api().List(ctx, "ns", tiledb.ListOptions{PerPage: 1})
		clienttest.CheckError(t, "List", status, err, "GET")
	})
}
