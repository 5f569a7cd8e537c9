package vectorize_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	sbvectorize "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/vectorize"
)

const (
	org = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01"
	key = "test-key"
)

func newAPI(t *testing.T, url string) *vectorize.API {
	t.Helper()
	api, err := vectorize.Connect(vectorize.Service.Given(map[string]string{"endpoint": url + "/v1", "api_key": key}), client.Options{
		UserAgent: "test", Retry: client.RetryPolicy{MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, MaxWait: time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// emulated serves the sandbox's Vectorize emulator alone.
func emulated(t *testing.T) (*vectorize.API, *sbvectorize.Emulator) {
	api, e, _ := emulatedLog(t)
	return api, e
}

// emulatedLog also records the requests the emulator served.
func emulatedLog(t *testing.T) (*vectorize.API, *sbvectorize.Emulator, *[]string) {
	t.Helper()
	e := sbvectorize.New(sbvectorize.Options{APIKey: key, Organizations: []string{org}, Prefix: "/v1"})
	mux := http.NewServeMux()
	var mu sync.Mutex
	var log []string
	for _, r := range e.Routes() {
		h := r.Handler
		mux.HandleFunc(r.Pattern, func(w http.ResponseWriter, req *http.Request) {
			mu.Lock()
			log = append(log, req.Method+" "+req.URL.RequestURI())
			mu.Unlock()
			if !e.Authorized(req) {
				e.WriteError(w, http.StatusUnauthorized, "Unauthorized")
				return
			}
			h(w, req)
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return newAPI(t, srv.URL), e, &log
}

func TestConnectorLifecycle(t *testing.T) {
	api, e := emulated(t)
	ctx := context.Background()
	ref, err := api.Create(ctx, org, "", vectorize.CreateRequest{Name: "docs", Type: "AWS_S3", Config: map[string]any{
		"bucket-name": "docs", "access-key": "AKIA", "secret-key": "shh", "archiver": false,
	}})
	if err != nil {
		t.Fatal(err)
	}
	if ref.Name != "docs" || len(ref.ID) != 36 {
		t.Fatalf("create answer %+v", ref)
	}
	got, err := api.Get(ctx, org, ref.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Type != "AWS_S3" || got.VerificationStatus == "" || got.CreatedByEmail == "" || got.CreatedAt == "" {
		t.Fatalf("get answer %+v", got)
	}
	if doc := string(got.ConfigDoc); strings.Contains(doc, "shh") || strings.Contains(doc, "AKIA") || !strings.Contains(doc, `"bucket-name":"docs"`) {
		t.Fatalf("configDoc must hold the public settings only: %s", doc)
	}

	up, err := api.Update(ctx, org, ref.ID, map[string]any{"bucket-name": "docs2", "access-key": "AKIA", "secret-key": "shh", "archiver": true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(up.ConfigDoc), "docs2") {
		t.Fatalf("update answer %s", up.ConfigDoc)
	}
	// The PATCH replaces the config: without the secrets it is refused.
	_, err = api.Update(ctx, org, ref.ID, map[string]any{"bucket-name": "docs3"})
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(apiErr.Message, "config.access-key is required") {
		t.Fatalf("want a 400 naming the missing key, got %v", err)
	}
	if err := api.Delete(ctx, org, ref.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Get(ctx, org, ref.ID); !client.IsNotFound(err) {
		t.Fatalf("want 404 after delete, got %v", err)
	}
	if err := api.Delete(ctx, org, ref.ID); err != nil {
		t.Fatalf("deleting a deleted connector must succeed, got %v", err)
	}
	if len(e.Objects()) != 0 {
		t.Fatalf("objects left: %v", e.Objects())
	}
}

// TestListOneRequest: the spec's list answers every connector at once, so
// 61 connectors (more than any page size a server might pick) take one
// request, with no paging parameter sent.
func TestListOneRequest(t *testing.T) {
	api, _, log := emulatedLog(t)
	ctx := context.Background()
	var want []string
	for i := range 60 {
		name := fmt.Sprintf("c%02d", i)
		if _, err := api.Create(ctx, org, "", vectorize.CreateRequest{Name: name, Type: "FILE_UPLOAD"}); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	if _, err := api.Create(ctx, org, "ws", vectorize.CreateRequest{Name: "in-ws", Type: "FILE_UPLOAD"}); err != nil {
		t.Fatal(err)
	}
	*log = nil
	all, err := api.List(ctx, org, vectorize.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range all {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != strings.Join(append(want, "in-ws"), ",") {
		t.Fatalf("list = %v", names)
	}
	if len(*log) != 1 || (*log)[0] != "GET /v1/org/"+org+"/connectors/sources" {
		t.Fatalf("requests %v", *log)
	}
	*log = nil
	ws, err := api.List(ctx, org, vectorize.ListOptions{WorkspaceID: "ws"})
	if err != nil || len(ws) != 1 || ws[0].Name != "in-ws" {
		t.Fatalf("workspace list = %v, %v", ws, err)
	}
	if len(*log) != 1 || (*log)[0] != "GET /v1/org/"+org+"/connectors/sources?workspaceId=ws" {
		t.Fatalf("requests %v", *log)
	}
}

// fake answers with canned bodies and records requests.
type fake struct {
	mu    sync.Mutex
	reqs  []string
	bodys []string
	reply func(r *http.Request) (int, string)
}

func (f *fake) serve(t *testing.T) *vectorize.API {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.reqs = append(f.reqs, r.Method+" "+r.URL.RequestURI())
		f.bodys = append(f.bodys, string(b))
		f.mu.Unlock()
		status, body := f.reply(r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return newAPI(t, srv.URL)
}

func TestCreateDecodesBothShapes(t *testing.T) {
	for name, tc := range map[string]struct {
		body, wantID, wantErr string
	}{
		"current":   {`{"message":"ok","connector":{"id":"id-1","name":"n"}}`, "id-1", ""},
		"legacy":    {`{"message":"ok","connectors":[{"id":"id-2","name":"n"}]}`, "id-2", ""},
		"two":       {`{"connectors":[{"id":"a"},{"id":"b"}]}`, "", "expected one created connector, got 2"},
		"no id":     {`{"message":"ok"}`, "", "no connector id"},
		"not json":  {`<html>`, "", "undecodable answer"},
		"empty arr": {`{"connectors":[]}`, "", "no connector id"},
	} {
		t.Run(name, func(t *testing.T) {
			f := &fake{reply: func(*http.Request) (int, string) { return 200, tc.body }}
			ref, err := f.serve(t).Create(context.Background(), "o/1", "ws 1", vectorize.CreateRequest{Name: "n", Type: "FILE_UPLOAD"})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("want error %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil || ref.ID != tc.wantID {
				t.Fatalf("got %+v, %v", ref, err)
			}
			// One object, not an array; ids path-escaped; the workspace in the query.
			if f.reqs[0] != "POST /v1/org/o%2F1/connectors/sources?workspaceId=ws+1" || f.bodys[0] != `{"name":"n","type":"FILE_UPLOAD"}` {
				t.Fatalf("sent %s %s", f.reqs[0], f.bodys[0])
			}
		})
	}
}

func TestUpdateReadsUpdatedConnector(t *testing.T) {
	f := &fake{reply: func(*http.Request) (int, string) {
		return 200, `{"message":"ok","data":{"updatedConnector":{"id":"c1","type":"GCS","name":"n","configDoc":{"bucket-name":"b"}},"pipelineIds":["p"]}}`
	}}
	got, err := f.serve(t).Update(context.Background(), "o", "c1", map[string]any{"bucket-name": "b", "service-account-json": "{}"})
	if err != nil || got.ID != "c1" || string(got.ConfigDoc) != `{"bucket-name":"b"}` {
		t.Fatalf("got %+v, %v", got, err)
	}
	if f.reqs[0] != "PATCH /v1/org/o/connectors/sources/c1" || f.bodys[0] != `{"config":{"bucket-name":"b","service-account-json":"{}"}}` {
		t.Fatalf("sent %s %s", f.reqs[0], f.bodys[0])
	}
	f.reply = func(*http.Request) (int, string) { return 200, `{"message":"ok"}` }
	if _, err := f.serve(t).Update(context.Background(), "o", "c1", nil); err == nil || !strings.Contains(err.Error(), "no connector in the body") {
		t.Fatalf("an answer without data.updatedConnector must fail, got %v", err)
	}
}

func TestErrorsAreDecoded(t *testing.T) {
	f := &fake{reply: func(*http.Request) (int, string) {
		return 400, `{"error":"Invalid request","details":"config.bucket-name is required for connector type AWS_S3"}`
	}}
	_, err := f.serve(t).Get(context.Background(), "o", "c1")
	want := "GET /v1/org/o/connectors/sources/c1: 400 Bad Request: Invalid request: config.bucket-name is required for connector type AWS_S3"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
	f.reply = func(*http.Request) (int, string) {
		return 404, `{"error":"Not found","details":{"failedUpdates":["x"]}}`
	}
	_, err = f.serve(t).Get(context.Background(), "o", "c1")
	if !client.IsNotFound(err) || !strings.Contains(err.Error(), `Not found: {"failedUpdates":["x"]}`) {
		t.Fatalf("got %v", err)
	}
}

// TestListPaging: a deployment on the later spec (0.1.2) may answer a
// nextToken: it is followed, and a server that repeats a token, or pages
// that list nothing new, cannot make the walk loop.
func TestListPaging(t *testing.T) {
	page := func(token string, ids ...string) string {
		items := make([]string, len(ids))
		for i, id := range ids {
			items[i] = fmt.Sprintf(`{"id":%q,"type":"GCS","name":%q}`, id, id)
		}
		body := `{"sourceConnectors":[` + strings.Join(items, ",") + `]`
		if token != "" {
			body += `,"nextToken":"` + token + `"`
		}
		return body + "}"
	}
	for name, tc := range map[string]struct {
		pages    map[string]string // by the nextToken sent ("" first)
		ids      string
		requests []string
	}{
		"no token": {map[string]string{"": page("", "a", "b")}, "a,b", []string{""}},
		"two pages": {map[string]string{"": page("t1", "a", "b"), "t1": page("", "c")}, "a,b,c",
			[]string{"", "?nextToken=t1"}},
		"repeated token": {map[string]string{"": page("same", "a"), "same": page("same", "b")}, "a,b",
			[]string{"", "?nextToken=same"}},
		"same page again": {map[string]string{"": page("t1", "a"), "t1": page("t2", "a"), "t2": page("", "z")}, "a",
			[]string{"", "?nextToken=t1"}},
		"empty page with token": {map[string]string{"": page("t1"), "t1": page("", "z")}, "", []string{""}},
	} {
		t.Run(name, func(t *testing.T) {
			f := &fake{reply: func(r *http.Request) (int, string) {
				body, ok := tc.pages[r.URL.Query().Get("nextToken")]
				if !ok {
					return 400, `{"error":"Invalid request","details":"unknown token"}`
				}
				return 200, body
			}}
			all, err := f.serve(t).List(context.Background(), "o", vectorize.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, c := range all {
				ids = append(ids, c.ID)
			}
			if strings.Join(ids, ",") != tc.ids {
				t.Fatalf("ids %v, want %s", ids, tc.ids)
			}
			var want []string
			for _, q := range tc.requests {
				want = append(want, "GET /v1/org/o/connectors/sources"+q)
			}
			if strings.Join(f.reqs, " ") != strings.Join(want, " ") {
				t.Fatalf("requests %v, want %v", f.reqs, want)
			}
		})
	}
}

// TestUserBodies: the add body always carries selectedFiles (required by
// AddUserToSourceConnectorRequest); the update body leaves an unset one out
// (UpdateUserInSourceConnectorRequest requires only userId).
func TestUserBodies(t *testing.T) {
	f := &fake{reply: func(*http.Request) (int, string) { return 200, `{"message":"ok"}` }}
	api := f.serve(t)
	ctx := context.Background()
	if err := api.AddUser(ctx, "o", "c", vectorize.User{UserID: "u1"}); err != nil {
		t.Fatal(err)
	}
	if err := api.UpdateUser(ctx, "o", "c", vectorize.User{UserID: "u1", AccessToken: "a1"}); err != nil {
		t.Fatal(err)
	}
	files := json.RawMessage(`{"pageIds":["p1"]}`)
	if err := api.UpdateUser(ctx, "o", "c", vectorize.User{UserID: "u1", SelectedFiles: files}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"selectedFiles":{},"userId":"u1"}`,
		`{"accessToken":"a1","userId":"u1"}`,
		`{"selectedFiles":{"pageIds":["p1"]},"userId":"u1"}`,
	}
	if strings.Join(f.bodys, "\n") != strings.Join(want, "\n") {
		t.Fatalf("bodies\n%s\nwant\n%s", strings.Join(f.bodys, "\n"), strings.Join(want, "\n"))
	}
	if f.reqs[0] != "POST /v1/org/o/connectors/sources/c/users" || f.reqs[1] != "PATCH /v1/org/o/connectors/sources/c/users" {
		t.Fatalf("requests %v", f.reqs)
	}
}

func TestUserCalls(t *testing.T) {
	api, e := emulated(t)
	ctx := context.Background()
	ref, err := api.Create(ctx, org, "", vectorize.CreateRequest{Name: "drive", Type: "GOOGLE_DRIVE_OAUTH_MULTI"})
	if err != nil {
		t.Fatal(err)
	}
	u := vectorize.User{UserID: "u1", SelectedFiles: json.RawMessage(`{"f1":{"name":"a.pdf"}}`), RefreshToken: "r1"}
	if err := api.AddUser(ctx, org, ref.ID, u); err != nil {
		t.Fatal(err)
	}
	if err := api.AddUser(ctx, org, ref.ID, u); err == nil || !strings.Contains(err.Error(), "already added") {
		t.Fatalf("adding twice: %v", err)
	}
	u.AccessToken, u.RefreshToken = "a2", ""
	if err := api.UpdateUser(ctx, org, ref.ID, u); err != nil {
		t.Fatal(err)
	}
	files, refresh, access, ok := e.StoredUser(org+"/"+ref.ID, "u1")
	if !ok || string(files) != `{"f1":{"name":"a.pdf"}}` || refresh != "r1" || access != "a2" {
		t.Fatalf("stored user %s %q %q %v", files, refresh, access, ok)
	}
	if err := api.RemoveUser(ctx, org, ref.ID, "u1"); err != nil {
		t.Fatal(err)
	}
	if _, _, _, ok := e.StoredUser(org+"/"+ref.ID, "u1"); ok {
		t.Fatal("user still stored")
	}
	if err := api.RemoveUser(ctx, org, ref.ID, "u1"); err != nil {
		t.Fatalf("removing a removed user must succeed, got %v", err)
	}
	if err := api.UpdateUser(ctx, org, ref.ID, u); !client.IsNotFound(err) {
		t.Fatalf("updating a removed user: want 404, got %v", err)
	}

	// Users only exist on OAuth multi-user connectors.
	s3, err := api.Create(ctx, org, "", vectorize.CreateRequest{Name: "s3", Type: "WEB_CRAWLER", Config: map[string]any{"seed-urls": []string{"https://a.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := api.AddUser(ctx, org, s3.ID, u); err == nil || !strings.Contains(err.Error(), "does not support users") {
		t.Fatalf("want 400 for a non-OAuth connector, got %v", err)
	}
}

func TestRemoveUserSendsBody(t *testing.T) {
	f := &fake{reply: func(*http.Request) (int, string) { return 200, `{"message":"ok"}` }}
	if err := f.serve(t).RemoveUser(context.Background(), "o", "c", "u1"); err != nil {
		t.Fatal(err)
	}
	if f.reqs[0] != "DELETE /v1/org/o/connectors/sources/c/users" || f.bodys[0] != `{"userId":"u1"}` {
		t.Fatalf("sent %s %s", f.reqs[0], f.bodys[0])
	}
}

func TestTypes(t *testing.T) {
	if !vectorize.IsKnownType("WEB_CRAWLER") || vectorize.IsKnownType("ACME") {
		t.Fatal("IsKnownType")
	}
	if !vectorize.SupportsUsers("NOTION_OAUTH_MULTI_CUSTOM") || vectorize.SupportsUsers("NOTION") {
		t.Fatal("SupportsUsers")
	}
	// Every secret key is masked in logs by the core's redaction.
	for typ, spec := range vectorize.ConfigSpecs {
		for _, k := range spec.Secret {
			if !client.IsSecretKey(k) {
				t.Errorf("%s secret key %q is not masked by client.IsSecretKey", typ, k)
			}
		}
	}
	for _, k := range []string{"refreshToken", "accessToken"} {
		if !client.IsSecretKey(k) {
			t.Errorf("%q is not masked", k)
		}
	}
}
