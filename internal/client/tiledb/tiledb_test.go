package tiledb_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/clienttest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

func newSandbox(t *testing.T) (*sandbox.Server, sandbox.Credentials, string) {
	t.Helper()
	creds := sandbox.DefaultCredentials()
	sb := sandbox.NewWithCredentials(creds)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sb, creds, srv.URL
}

// newAPI is the API on endpoint with the credentials auth (a fake server's
// when nil).
func newAPI(t *testing.T, endpoint string, auth map[string]string) *tiledb.API {
	t.Helper()
	values := map[string]string{"endpoint": endpoint, "api_key": "unused"}
	if auth != nil {
		values = map[string]string{"endpoint": endpoint}
		for k, v := range auth {
			values[k] = v
		}
	}
	return clienttest.Connect[*tiledb.API](t, &tiledb.Service, values, client.Options{UserAgent: "test", Retry: client.DefaultRetryPolicy(0)})
}

func apiKey(key string) map[string]string { return map[string]string{"api_key": key} }

func basic(user, pass string) map[string]string {
	return map[string]string{"username": user, "password": pass}
}

func ptr[T any](v T) *T { return &v }

func awsKey(name, id string) tiledb.AccessCredential {
	return tiledb.AccessCredential{Name: name, Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: id, SecretAccessKey: "s3cr3t-" + id}}}
}

func apiStatus(t *testing.T, err error) *client.APIError {
	t.Helper()
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *client.APIError, got %T %v", err, err)
	}
	return apiErr
}

func TestCRUD(t *testing.T) {
	sb, creds, base := newSandbox(t)
	api := newAPI(t, base, apiKey(creds.TileDBKey))
	ctx := context.Background()
	ns := creds.TileDBNamespace
	name := "team key/1 é" // needs escaping

	cred := awsKey(name, "AKIA0001")
	cred.ProviderDefault = ptr(true)
	cred.Credential.AWS.Endpoint = ptr("https://s3.example.com")
	if err := api.Create(ctx, ns, cred); err != nil {
		t.Fatal(err)
	}
	got, err := api.Get(ctx, ns, name)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != name || got.Provider != tiledb.ProviderAWS || got.UUID == "" || got.CreatedAt == "" || got.UpdatedAt == "" {
		t.Fatalf("unexpected credential %+v", got)
	}
	if got.ProviderDefault == nil || !*got.ProviderDefault || got.AllowedInTasks == nil || *got.AllowedInTasks {
		t.Fatalf("flags: %+v", got)
	}
	if a := got.Credential.AWS; a.AccessKeyID != "AKIA0001" || a.SecretAccessKey != "" || *a.Endpoint != "https://s3.example.com" {
		t.Fatalf("aws: %+v", a)
	}
	if s := sb.TileDB().Secrets(ns + "/" + name); s["secret_access_key"] != "s3cr3t-AKIA0001" {
		t.Fatalf("secret not stored: %v", s)
	}

	// An explicit false is sent; absent fields are left alone.
	if err := api.Update(ctx, ns, name, tiledb.AccessCredential{ProviderDefault: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	got, _ = api.Get(ctx, ns, name)
	if *got.ProviderDefault || got.Credential.AWS.AccessKeyID != "AKIA0001" || *got.Credential.AWS.Endpoint != "https://s3.example.com" {
		t.Fatalf("after PATCH: %+v %+v", got, got.Credential.AWS)
	}

	if err := api.Delete(ctx, ns, name); err != nil {
		t.Fatal(err)
	}
	if _, err := api.Get(ctx, ns, name); !client.IsNotFound(err) {
		t.Fatalf("want 404 after delete, got %v", err)
	}
	if err := api.Delete(ctx, ns, name); err != nil {
		t.Fatalf("deleting a gone credential must succeed: %v", err)
	}
	want := map[string]int{
		"POST /v2/credentials/{namespace}":          1,
		"GET /v2/credentials/{namespace}/{name}":    3,
		"PATCH /v2/credentials/{namespace}/{name}":  1,
		"DELETE /v2/credentials/{namespace}/{name}": 2,
	}
	for k, v := range want {
		if sb.Counts()[k] != v {
			t.Errorf("%s: want %d, got %d (%v)", k, v, sb.Counts()[k], sb.Counts())
		}
	}
}

func TestAllKindsAndValidation(t *testing.T) {
	sb, creds, base := newSandbox(t)
	api := newAPI(t, base, basic(creds.TileDBUser, creds.TileDBPassword))
	ctx := context.Background()
	ns := creds.TileDBNamespace
	keyText := `{"type":"service_account","client_email":"sa@p.iam.gserviceaccount.com","private_key_id":"k123","private_key":"-----BEGIN PRIVATE KEY-----\nX\n-----END PRIVATE KEY-----\n"}`
	ok := []tiledb.AccessCredential{
		awsKey("aws", "AKIA1"),
		{Name: "role", Role: &tiledb.Role{AWS: &tiledb.AWSRole{RoleARN: "arn:aws:iam::123456789012:role/r", ExternalID: "ext"}}},
		{Name: "azk", Credential: &tiledb.Credential{Azure: &tiledb.AzureKey{AccountName: "acct", AccountKey: "k"}}},
		{Name: "sas", Token: &tiledb.Token{Azure: &tiledb.AzureSAS{AccountName: "acct", SASToken: "sv=1"}}},
		{Name: "hmac", Credential: &tiledb.Credential{GCP: &tiledb.GCPHMACKey{AccessKeyID: "GOOG1", SecretAccessKey: "x"}}},
		{Name: "sa", Token: &tiledb.Token{GCP: &tiledb.GCPServiceAccountKey{KeyText: keyText}}},
	}
	for _, c := range ok {
		if err := api.Create(ctx, ns, c); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
	}
	sa, err := api.Get(ctx, ns, "sa")
	if err != nil {
		t.Fatal(err)
	}
	if g := sa.Token.GCP; g.KeyText != "" || g.AccountID != "sa@p.iam.gserviceaccount.com" || g.KeyID != "k123" || sa.Provider != "GCP" {
		t.Fatalf("token.gcp: %+v", g)
	}
	raw := sb.TileDB().Objects()
	for k, v := range raw {
		for _, secret := range []string{"s3cr3t", `"ext"`, `"k"`, "sv=1", "PRIVATE KEY", `"x"`} {
			if strings.Contains(string(v), secret) {
				t.Errorf("%s returns a secret: %s", k, v)
			}
		}
	}

	bad := []struct {
		cred   tiledb.AccessCredential
		status int
		msg    string
	}{
		{tiledb.AccessCredential{Name: "none"}, 400, "exactly one of"},
		{tiledb.AccessCredential{Name: "two", Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: "A", SecretAccessKey: "B"}}, Role: &tiledb.Role{AWS: &tiledb.AWSRole{RoleARN: "arn:x", ExternalID: "y"}}}, 400, "credential.aws and role.aws"},
		{tiledb.AccessCredential{Name: "nosecret", Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: "A"}}}, 400, "missing required field credential.aws.secret_access_key"},
		{tiledb.AccessCredential{Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: "A", SecretAccessKey: "B"}}}, 400, "missing required field name"},
		{awsKey("aws", "AKIA2"), 409, `name: a credential named "aws" already exists`},
		{awsKey("aws2", "AKIA1"), 409, `key id "AKIA1" is already used`},
	}
	for _, b := range bad {
		err := api.Create(ctx, ns, b.cred)
		e := apiStatus(t, err)
		if e.Status != b.status || !strings.Contains(e.Error(), b.msg) || !strings.Contains(e.Error(), "request_id") {
			t.Errorf("%s: want %d %q, got %v", b.cred.Name, b.status, b.msg, err)
		}
		if !strings.Contains(e.Error(), "POST /v2/credentials/conduit-sandbox") {
			t.Errorf("error does not name the call: %v", err)
		}
	}
	if err := api.Create(ctx, "nope", awsKey("x", "AKIA9")); !client.IsNotFound(err) {
		t.Errorf("unknown namespace: want 404, got %v", err)
	}
	// The cloud provider of a credential cannot change.
	err = api.Update(ctx, ns, "aws", tiledb.AccessCredential{Credential: &tiledb.Credential{Azure: &tiledb.AzureKey{AccountName: "a", AccountKey: "b"}}})
	if e := apiStatus(t, err); e.Status != 400 || !strings.Contains(e.Message, "cannot change to AZURE") {
		t.Errorf("provider change: %v", err)
	}
	// A PATCH replacing the kind must carry its secret again.
	err = api.Update(ctx, ns, "aws", tiledb.AccessCredential{Credential: &tiledb.Credential{AWS: &tiledb.AWSKey{AccessKeyID: "AKIA1"}}})
	if e := apiStatus(t, err); e.Status != 400 || !strings.Contains(e.Message, "secret_access_key") {
		t.Errorf("PATCH without secret: %v", err)
	}
}

// TestProviderDefaultIsExclusive: one default per cloud provider; a second
// is refused with 409 naming the holder, and stores nothing.
func TestProviderDefaultIsExclusive(t *testing.T) {
	sb, creds, base := newSandbox(t)
	api := newAPI(t, base, apiKey(creds.TileDBKey))
	ctx := context.Background()
	ns := creds.TileDBNamespace
	a, b := awsKey("a", "AKIAA"), awsKey("b", "AKIAB")
	a.ProviderDefault, b.ProviderDefault = ptr(true), ptr(true)
	hmac := tiledb.AccessCredential{Name: "g", ProviderDefault: ptr(true), Credential: &tiledb.Credential{GCP: &tiledb.GCPHMACKey{AccessKeyID: "GOOG", SecretAccessKey: "s"}}}
	for _, c := range []tiledb.AccessCredential{a, hmac} {
		if err := api.Create(ctx, ns, c); err != nil {
			t.Fatal(err)
		}
	}
	err := api.Create(ctx, ns, b)
	if e := apiStatus(t, err); e.Status != 409 || !strings.Contains(e.Message, `provider_default: credential "a" is already the default AWS credential`) {
		t.Fatalf("second AWS default: %v", err)
	}
	if _, ok := sb.TileDB().Objects()[ns+"/b"]; ok {
		t.Fatal("a refused create was stored")
	}
}

func TestListPagingAndFilters(t *testing.T) {
	sb, creds, base := newSandbox(t)
	api := newAPI(t, base, apiKey(creds.TileDBKey))
	ctx := context.Background()
	ns := creds.TileDBNamespace
	for _, id := range []string{"1", "2", "3", "4", "5"} {
		if err := api.Create(ctx, ns, awsKey("k"+id, "AKIA"+id)); err != nil {
			t.Fatal(err)
		}
	}
	if err := api.Create(ctx, ns, tiledb.AccessCredential{Name: "sas", Token: &tiledb.Token{Azure: &tiledb.AzureSAS{AccountName: "a", SASToken: "t"}}}); err != nil {
		t.Fatal(err)
	}
	sb.TileDB().SetMaxPerPage(2)
	sb.ResetCounts()
	all, err := api.List(ctx, ns, tiledb.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 {
		t.Fatalf("want 6, got %d", len(all))
	}
	// per_page is clamped to 2: pages 1..3 and not one more.
	if n := sb.Counts()["GET /v2/credentials/{namespace}"]; n != 3 {
		t.Fatalf("want 3 list requests, got %d", n)
	}
	aws, err := api.List(ctx, ns, tiledb.ListOptions{Provider: "AWS", PerPage: 2})
	if err != nil || len(aws) != 5 {
		t.Fatalf("AWS filter: %d %v", len(aws), err)
	}
	// azure_token is the spec's alias for token: both select every token.
	sa := tiledb.AccessCredential{Name: "sa", Token: &tiledb.Token{GCP: &tiledb.GCPServiceAccountKey{KeyText: "opaque"}}}
	if err := api.Create(ctx, ns, sa); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{tiledb.TypeToken, tiledb.TypeAzureToken} {
		tokens, err := api.List(ctx, ns, tiledb.ListOptions{Type: typ})
		if err != nil || len(tokens) != 2 || tokens[0].Name != "sa" || tokens[1].Name != "sas" {
			t.Fatalf("type=%s: %+v %v", typ, tokens, err)
		}
	}
	empty, err := api.List(ctx, ns, tiledb.ListOptions{Provider: "GCP", Type: tiledb.TypeKey})
	if err != nil || len(empty) != 0 {
		t.Fatalf("GCP keys: %+v %v", empty, err)
	}
	if _, err := api.List(ctx, ns, tiledb.ListOptions{Provider: "IBM"}); apiStatus(t, err).Status != 400 {
		t.Fatalf("bad provider: %v", err)
	}
}

// A server that ignores per_page and gives no metadata: a short page ends the list.
func TestListWithoutMetadata(t *testing.T) {
	var pages []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages = append(pages, r.URL.Query().Get("page"))
		if r.URL.Query().Get("page") == "1" {
			_, _ = io.WriteString(w, `{"credentials":[{"name":"a"},{"name":"b"}]}`)
			return
		}
		_, _ = io.WriteString(w, `{"credentials":[{"name":"c"}]}`)
	}))
	defer srv.Close()
	api := newAPI(t, srv.URL, nil)
	got, err := api.List(context.Background(), "ns", tiledb.ListOptions{PerPage: 2})
	if err != nil || len(got) != 3 || strings.Join(pages, ",") != "1,2" {
		t.Fatalf("got %d items, pages %v, err %v", len(got), pages, err)
	}
}

func TestAuth(t *testing.T) {
	_, creds, base := newSandbox(t)
	ctx := context.Background()
	// Connect refuses to build a client without credentials: ask bare.
	if resp, err := http.Get(base + "/v2/credentials/" + creds.TileDBNamespace + "/x"); err != nil || resp.StatusCode != 401 {
		t.Errorf("no credentials: want 401, got %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	for name, auth := range map[string]map[string]string{
		"wrong key":      apiKey("nope"),
		"wrong password": basic(creds.TileDBUser, "nope"),
	} {
		_, err := newAPI(t, base, auth).Get(ctx, creds.TileDBNamespace, "x")
		if e := apiStatus(t, err); e.Status != 401 {
			t.Errorf("%s: want 401, got %v", name, err)
		}
	}
	if _, err := newAPI(t, base, basic(creds.TileDBUser, creds.TileDBPassword)).List(ctx, creds.TileDBNamespace, tiledb.ListOptions{}); err != nil {
		t.Errorf("basic auth: %v", err)
	}
}

func TestErrorBodies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/html") {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, "<html><body>Forbidden by proxy</body></html>")
			return
		}
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"code":1003,"message":"credential x not found","request_id":"req-1"}`)
	}))
	defer srv.Close()
	api := newAPI(t, srv.URL, nil)
	_, err := api.Get(context.Background(), "ns", "x")
	if e := apiStatus(t, err); e.Message != "credential x not found (request_id req-1)" || e.Code != "1003" ||
		e.Error() != "GET /v2/credentials/ns/x: 404 Not Found: credential x not found (request_id req-1) (1003)" {
		t.Errorf("JSON error: %q", e.Error())
	}
	_, err = api.Get(context.Background(), "ns", "html")
	if e := apiStatus(t, err); !strings.Contains(e.Error(), "403 Forbidden: <html><body>Forbidden by proxy</body></html>") {
		t.Errorf("raw error: %q", e.Error())
	}
}

// A redirect answering a PATCH is surfaced, never followed as a GET.
func TestPatchRedirectNotFollowed(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/v2/credentials/ns/x" {
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	err := newAPI(t, srv.URL, nil).Update(context.Background(), "ns", "x", tiledb.AccessCredential{AllowedInTasks: ptr(false)})
	if e := apiStatus(t, err); e.Status != http.StatusFound {
		t.Fatalf("want the 302 surfaced, got %v", err)
	}
	if strings.Join(seen, ",") != "PATCH /v2/credentials/ns/x" {
		t.Fatalf("requests: %v", seen)
	}
}

// The PATCH body carries explicit false and leaves out what is not set.
func TestPatchBody(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(&got)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	err := newAPI(t, srv.URL, nil).Update(context.Background(), "ns", "x", tiledb.AccessCredential{AllowedInTasks: ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	if string(b) != `{"allowed_in_tasks":false}` {
		t.Fatalf("PATCH body %s", b)
	}
}

// TestHost: the endpoint users copy may end with the API's /v2 base path or a
// slash; requests still go to /v2/credentials/…, never /v2/v2/….
func TestHost(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.tiledb.com":             "https://api.tiledb.com",
		"https://api.tiledb.com/":            "https://api.tiledb.com",
		"https://api.tiledb.com/v2":          "https://api.tiledb.com",
		"https://api.tiledb.com/v2/":         "https://api.tiledb.com",
		"https://api.tiledb.com//v2//":       "https://api.tiledb.com",
		"https://proxy.example.com/tiledb":   "https://proxy.example.com/tiledb",
		"https://proxy.example.com/tiledb/":  "https://proxy.example.com/tiledb",
		"https://proxy.example.com/api/v2x/": "https://proxy.example.com/api/v2x",
	} {
		if got := tiledb.Host(in); got != want {
			t.Errorf("Host(%q) = %q, want %q", in, got, want)
		}
	}
	sb, creds, base := newSandbox(t)
	for _, endpoint := range []string{base, base + "/", base + "/v2", base + "/v2/"} {
		api := newAPI(t, endpoint, apiKey(creds.TileDBKey))
		if _, err := api.List(context.Background(), creds.TileDBNamespace, tiledb.ListOptions{}); err != nil {
			t.Errorf("%s: %v", endpoint, err)
		}
	}
	if n := sb.Counts()["GET /v2/credentials/{namespace}"]; n != 4 || len(sb.Counts()) != 1 {
		t.Fatalf("counts: %v", sb.Counts())
	}
}

// TestKMSIDOnTheWire: the AWS KMS key goes as the spec's kms_id, both kinds.
func TestKMSIDOnTheWire(t *testing.T) {
	_, creds, base := newSandbox(t)
	api := newAPI(t, base, apiKey(creds.TileDBKey))
	ctx, ns := context.Background(), creds.TileDBNamespace
	kms := "arn:aws:kms:us-east-1:123456789012:key/k"
	key := awsKey("k", "AKIAKMS")
	key.Credential.AWS.KMSID = &kms
	role := tiledb.AccessCredential{Name: "r", Role: &tiledb.Role{AWS: &tiledb.AWSRole{RoleARN: "arn:aws:iam::1:role/r", ExternalID: "e", KMSID: &kms}}}
	for _, c := range []tiledb.AccessCredential{key, role} {
		if err := api.Create(ctx, ns, c); err != nil {
			t.Fatal(err)
		}
	}
	k, _ := api.Get(ctx, ns, "k")
	r, _ := api.Get(ctx, ns, "r")
	if k == nil || r == nil || *k.Credential.AWS.KMSID != kms || *r.Role.AWS.KMSID != kms {
		t.Fatalf("kms_id read back: %+v %+v", k, r)
	}
	b, _ := json.Marshal(key)
	if !strings.Contains(string(b), `"kms_id":"`+kms+`"`) || strings.Contains(string(b), "sse_kms") {
		t.Fatalf("wire form: %s", b)
	}
}
