package vectorize

import (
	"context"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
)

var responseSeeds = []struct {
	status uint8
	body   string
}{
	{0, `{"message":"created","connector":{"id":"2d6f3b0e-0000-4a43-9c1e-5b8e9f6a7c01","name":"c"}}`},
	{0, `{"message":"created","connectors":[{"id":"a","name":"c"}]}`},
	{0, `{"message":"created","connectors":[{"id":"a"},{"id":"b"}]}`},
	{0, `{"id":"a","type":"WEB_CRAWLER","name":"c","configDoc":{"seed-urls":["https://a.example"]},"createdAt":"2026-01-01T00:00:00Z","verificationStatus":"verified"}`},
	{0, `{"message":"ok","data":{"updatedConnector":{"id":"a","name":"c","type":"GCS","configDoc":{}},"pipelineIds":["p"]}}`},
	{0, `{"sourceConnectors":[{"id":"a","name":"c","type":"AWS_S3"}],"nextToken":"t2"}`},
	{0, `{"sourceConnectors":[]}`},
	{0, `{"message":"user added"}`},
	{3, `{"error":"Invalid request","details":"Missing required field: bucket-name"}`},
	{5, `{"error":"Not found"}`},
	{8, `{"error":"boom","failedUpdates":[1],"successfulUpdates":[]}`},
	{2, ``}, {0, `null`}, {0, `{"connector":null,"connectors":null}`}, {0, `{"data":{"updatedConnector":{"id":""}}}`},
}

// FuzzResponses: whatever Vectorize answers, no call panics; a non-2xx answer
// is an error naming the request, a read returns a connector with an id, and
// a list ends.
func FuzzResponses(f *testing.F) {
	for _, s := range responseSeeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, statusIndex uint8, body []byte) {
		status := clienttest.Status(statusIndex)
		api := func() *API {
			return clienttest.Connect[*API](t, &Service, map[string]string{"endpoint": clienttest.Base, "api_key": "k"}, clienttest.Answering(status, body, 3))
		}
		ctx := context.Background()
		ref, err := api().Create(ctx, "o", "", CreateRequest{Name: "c", Type: "WEB_CRAWLER"})
		clienttest.CheckError(t, "Create", status, err, "POST")
		if err == nil && (ref == nil || ref.ID == "") {
			t.Fatalf("Create: no error and no id: %+v", ref)
		}
		got, err := api().Get(ctx, "o", "a")
		clienttest.CheckError(t, "Get", status, err, "GET")
		if err == nil && (got == nil || got.ID == "") {
			t.Fatalf("Get: no error and no id: %+v", got)
		}
		got, err = api().Update(ctx, "o", "a", map[string]any{"k": 1})
		clienttest.CheckError(t, "Update", status, err, "PATCH")
		if err == nil && (got == nil || got.ID == "") {
			t.Fatalf("Update: no error and no id: %+v", got)
		}
		clienttest.CheckDelete(t, status, api().Delete(ctx, "o", "a"))
		_, err = api().List(ctx, "o", ListOptions{})
		clienttest.CheckError(t, "List", status, err, "GET")
		clienttest.CheckError(t, "AddUser", status, api().AddUser(ctx, "o", "a", User{UserID: "u"}), "POST")
		clienttest.CheckError(t, "UpdateUser", status, api().UpdateUser(ctx, "o", "a", User{UserID: "u"}), "PATCH")
	})
}

// FuzzDecodeCreated: the create answer, in either shape, gives one id or an error.
func FuzzDecodeCreated(f *testing.F) {
	for _, s := range responseSeeds {
		f.Add([]byte(s.body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ref, err := decodeCreated(body)
		if (err == nil) == (ref == nil) || (err == nil && ref.ID == "") {
			t.Fatalf("decodeCreated(%q) = %+v, %v", body, ref, err)
		}
	})
}
