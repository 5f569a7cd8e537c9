package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

var fast = RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxWait: 50 * time.Millisecond}

func newTestClient(t *testing.T, h http.Handler) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(Config{Service: "test", BaseURL: srv.URL + "/api", Options: Options{UserAgent: "ua/1", Retry: fast, RequestTimeout: 2 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// scripted answers with the given statuses in turn and counts calls.
func scripted(statuses ...int) (http.HandlerFunc, *atomic.Int32) {
	var n atomic.Int32
	return func(w http.ResponseWriter, _ *http.Request) {
		i := int(n.Add(1)) - 1
		status := statuses[min(i, len(statuses)-1)]
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, `{"n":%d}`, i)
	}, &n
}

func TestRetryDecisions(t *testing.T) {
	cases := []struct {
		method    string
		statuses  []int
		wantCalls int32
		wantErr   string
	}{
		{"GET", []int{503, 502, 200}, 3, ""},
		{"GET", []int{504, 504, 504, 504, 504}, 4, "504"},
		{"GET", []int{400}, 1, "400"},
		{"GET", []int{404}, 1, "404"},
		{"POST", []int{429, 200}, 2, ""},
		{"POST", []int{503, 201}, 2, ""},
		{"POST", []int{408, 201}, 2, ""},
		{"POST", []int{502, 201}, 1, "outcome unknown"},
		{"PATCH", []int{504, 200}, 1, "outcome unknown"},
		{"DELETE", []int{500}, 1, "500"},
		{"PUT", []int{429, 429, 429, 429, 429}, 4, "429"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s %v", tc.method, tc.statuses), func(t *testing.T) {
			h, n := scripted(tc.statuses...)
			c := newTestClient(t, h)
			_, err := c.Do(context.Background(), Request{Method: tc.method, Path: "/x", Body: map[string]int{"a": 1}})
			if got := n.Load(); got != tc.wantCalls {
				t.Errorf("calls: want %d, got %d", tc.wantCalls, got)
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("want error containing %q, got %v", tc.wantErr, err)
			}
		})
	}
}

func TestLostResponseOnMutationIsNotResent(t *testing.T) {
	var n atomic.Int32
	hangUp := func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close()
	}
	c := newTestClient(t, http.HandlerFunc(hangUp))
	_, err := c.Do(context.Background(), Request{Method: "POST", Path: "/things", Body: map[string]string{"name": "x"}})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("want OutcomeUnknownError, got %v", err)
	}
	if n.Load() != 1 {
		t.Fatalf("POST was sent %d times", n.Load())
	}
	n.Store(0)
	_, err = c.Do(context.Background(), Request{Method: "GET", Path: "/things"})
	if err == nil || IsOutcomeUnknown(err) {
		t.Fatalf("GET: want a plain error after retries, got %v", err)
	}
	if n.Load() != int32(fast.MaxRetries+1) {
		t.Fatalf("GET attempts: want %d, got %d", fast.MaxRetries+1, n.Load())
	}
}

func TestConnectionRefusedIsRetriedEvenForPOST(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	c, err := New(Config{Service: "test", BaseURL: "http://" + addr, Options: Options{Retry: fast}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Do(context.Background(), Request{Method: "POST", Path: "/x", Body: map[string]int{}})
	if err == nil || IsOutcomeUnknown(err) || !strings.Contains(err.Error(), "giving up after 4 attempts") {
		t.Fatalf("want retried dial failure, got %v", err)
	}
}

func TestTimeoutOnMutationIsOutcomeUnknown(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, _ := New(Config{Service: "test", BaseURL: srv.URL, Options: Options{Retry: fast, RequestTimeout: 50 * time.Millisecond}})
	_, err := c.Do(context.Background(), Request{Method: "PATCH", Path: "/x", Body: map[string]int{}})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("want OutcomeUnknownError, got %v", err)
	}
}

func TestServerWait(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	cases := []struct {
		header map[string]string
		want   time.Duration
		ok     bool
	}{
		{map[string]string{"Retry-After": "3"}, 3 * time.Second, true},
		{map[string]string{"Retry-After": "0.5"}, 500 * time.Millisecond, true},
		{map[string]string{"Retry-After": now.Add(7 * time.Second).UTC().Format(http.TimeFormat)}, 7 * time.Second, true},
		{map[string]string{"X-Ratelimit-Reset": "1700000004"}, 4 * time.Second, true},
		{map[string]string{"X-Ratelimit-Reset": "1699999990"}, 0, true},
		{map[string]string{"Retry-After": "2", "X-Ratelimit-Reset": "1700000009"}, 2 * time.Second, true},
		{map[string]string{"X-Ratelimit-Reset": "soon"}, 0, false},
		{map[string]string{}, 0, false},
	}
	for _, tc := range cases {
		h := http.Header{}
		for k, v := range tc.header {
			h.Set(k, v)
		}
		got, ok := ServerWait(h, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%v: want %v,%v got %v,%v", tc.header, tc.want, tc.ok, got, ok)
		}
	}
}

func TestBackoffIsCappedAndJittered(t *testing.T) {
	p := RetryPolicy{MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}
	seen := map[time.Duration]bool{}
	for n := 1; n <= 30; n++ {
		d := p.Backoff(n)
		ceiling := min(100*time.Millisecond<<min(n-1, 20), time.Second)
		if d < ceiling/2 || d > ceiling {
			t.Fatalf("retry %d: %v outside [%v, %v]", n, d, ceiling/2, ceiling)
		}
		seen[d] = true
	}
	if len(seen) < 10 {
		t.Fatalf("backoff shows no jitter: %v", seen)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	var n atomic.Int32
	var first time.Time
	var gap time.Duration
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) == 1 {
			first = time.Now()
			w.Header().Set("Retry-After", "0.2")
			w.WriteHeader(429)
			return
		}
		gap = time.Since(first)
		w.WriteHeader(200)
	})
	c := newTestClient(t, h)
	c.cfg.Retry.MaxWait = time.Second
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/"}); err != nil {
		t.Fatal(err)
	}
	if gap < 200*time.Millisecond {
		t.Fatalf("retried after %v, before the 200ms Retry-After", gap)
	}
}

func TestPacerWaitsForResetWhenWindowSpent(t *testing.T) {
	p := newPacer()
	now := time.Now()
	h := http.Header{}
	h.Set("X-Ratelimit-Remaining", "0")
	h.Set("X-Ratelimit-Reset", fmt.Sprint(now.Add(2*time.Second).Unix()))
	p.observe(h, now)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := p.wait(ctx, false); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("pacer did not hold the request back: %v", err)
	}
	h.Set("X-Ratelimit-Remaining", "5")
	q := newPacer()
	q.observe(h, now)
	if err := q.wait(context.Background(), false); err != nil {
		t.Fatal(err)
	}
}

func TestAPIErrorCarriesMethodPathStatusAndMessage(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(400)
		_, _ = w.Write([]byte(`{"msg":"bad name","code":"E1"}`))
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, _ := New(Config{Service: "t", BaseURL: srv.URL + "/v2", Options: Options{Retry: fast}, DecodeError: func(_ int, b []byte) (string, string, []FieldError) {
		var e struct{ Msg, Code string }
		_ = json.Unmarshal(b, &e)
		return e.Msg, e.Code, []FieldError{{Field: "name", Message: "too long"}}
	}})
	_, err := c.Do(context.Background(), Request{Method: "PATCH", Path: "/things/a%2Fb"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want APIError, got %v", err)
	}
	want := "PATCH /v2/things/a/b: 400 Bad Request: bad name (E1)\n  - name: too long"
	if err.Error() != want {
		t.Fatalf("want %q\n got %q", want, err.Error())
	}
	if IsNotFound(err) || IsConflict(err) {
		t.Fatal("400 classified as 404/409")
	}
}

func TestNonJSONErrorBodyShownRaw(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(404)
		_, _ = w.Write([]byte("<html>no such page</html>"))
	})
	c := newTestClient(t, h)
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"})
	if !IsNotFound(err) || !strings.Contains(err.Error(), "<html>no such page</html>") {
		t.Fatalf("got %v", err)
	}
}

func TestPathEscapingAndUserAgent(t *testing.T) {
	var gotPath, gotUA string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotUA = r.URL.EscapedPath(), r.UserAgent()
		w.WriteHeader(204)
	})
	c := newTestClient(t, h)
	if _, err := c.Do(context.Background(), Request{Method: "DELETE", Path: "/creds/ns/my%20cred%2Fx"}); err != nil {
		t.Fatal(err)
	}
	if gotPath != "/api/creds/ns/my%20cred%2Fx" || gotUA != "ua/1" {
		t.Fatalf("path %q ua %q", gotPath, gotUA)
	}
}

func TestRedirectDoesNotTurnPatchIntoGet(t *testing.T) {
	var methods []string
	var mu sync.Mutex
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		methods = append(methods, r.Method+" "+r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/api/old" {
			http.Redirect(w, r, "/api/new", http.StatusFound)
			return
		}
		w.WriteHeader(200)
	})
	c := newTestClient(t, h)
	_, err := c.Do(context.Background(), Request{Method: "PATCH", Path: "/old", Body: map[string]int{}})
	if err == nil || len(methods) != 1 {
		t.Fatalf("want the 302 surfaced as an error after one request, got %v, %v", err, methods)
	}
}

func TestRedactBodyAndHeaders(t *testing.T) {
	body := `{"name":"n","client_secret":"s1","nested":{"access_token":"s2","secret-key":"s3","account_key":"s4","bucket-name":"b"},
	"list":[{"sas_token":"s5","key_text":"s6","external_id":"s7","password":"s8"}],"token":{"azure":{"account_name":"acct"}},"refreshToken":"s9","api_key":"s10"}`
	out := RedactBody([]byte(body))
	for _, secret := range []string{"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"} {
		if strings.Contains(out, `"`+secret+`"`) {
			t.Errorf("secret %s left in %s", secret, out)
		}
	}
	for _, public := range []string{`"n"`, `"b"`, `"acct"`} {
		if !strings.Contains(out, public) {
			t.Errorf("public value %s masked in %s", public, out)
		}
	}
	if got := RedactBody([]byte("grant_type=client_credentials&client_secret=x")); strings.Contains(got, "client_secret=x") {
		t.Errorf("form body logged: %s", got)
	}
	h := http.Header{"Authorization": {"Bearer t0k"}, "X-Tiledb-Rest-Api-Key": {"k3y"}, "Accept": {"application/json"}}
	rh := RedactHeaders(h, "X-Tiledb-Rest-Api-Key")
	if rh["Authorization"] != masked || rh["X-Tiledb-Rest-Api-Key"] != masked || rh["Accept"] != "application/json" {
		t.Errorf("headers: %v", rh)
	}
}

func TestClientCredentialsFetchOnceUnderConcurrency(t *testing.T) {
	var fetches, calls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		var body map[string]string
		_ = json.NewDecoder(r.Body).Decode(&body)
		if body["grant_type"] != "client_credentials" || body["client_secret"] != "sec" || body["audience"] != "https://t/api/v2/" {
			w.WriteHeader(401)
			return
		}
		time.Sleep(30 * time.Millisecond)
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("tok%d", fetches.Load()), "expires_in": 3600})
	})
	mux.HandleFunc("GET /api/v2/x", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok") {
			w.WriteHeader(401)
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	tokenClient, _ := New(Config{Service: "auth0", BaseURL: srv.URL, Options: Options{Retry: fast}})
	cc := &OAuthTokenSource{TokenClient: tokenClient, ClientID: "id", ClientSecret: "sec", Audience: "https://t/api/v2/"}
	api, _ := New(Config{Service: "auth0", BaseURL: srv.URL + "/api/v2", Options: Options{Retry: fast}, Auth: cc})

	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := api.Do(context.Background(), Request{Method: "GET", Path: "/x"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if fetches.Load() != 1 || cc.Fetches() != 1 || calls.Load() != 50 {
		t.Fatalf("fetches %d, calls %d", fetches.Load(), calls.Load())
	}
}

func TestClientCredentialsRefreshBeforeExpiry(t *testing.T) {
	var fetches atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, _ *http.Request) {
		n := fetches.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": fmt.Sprintf("tok%d", n), "expires_in": 1})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	tokenClient, _ := New(Config{Service: "auth0", BaseURL: srv.URL, Options: Options{Retry: fast}})
	cc := &OAuthTokenSource{TokenClient: tokenClient, ClientID: "id", ClientSecret: "sec", RefreshMargin: 200 * time.Millisecond}
	first, err := cc.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := cc.Token(context.Background()); again != first {
		t.Fatal("token refreshed while still fresh")
	}
	time.Sleep(850 * time.Millisecond) // inside the refresh margin, before expiry
	next, _ := cc.Token(context.Background())
	if next == first || fetches.Load() != 2 {
		t.Fatalf("token not refreshed before expiry: %s -> %s (%d fetches)", first, next, fetches.Load())
	}
}

func TestLogsMaskSecrets(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"access_token":"tok-from-server","note":"echo odd-key-secret"}`))
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, _ := New(Config{Service: "vendor", BaseURL: srv.URL, Options: Options{Retry: fast}, Auth: BearerToken("config-api-key"), Secrets: []string{"config-api-key"}})
	_, err := c.Do(ctx, Request{Method: "POST", Path: "/x", Body: map[string]string{"weird_field": "odd-key-secret", "client_secret": "cs"},
		Secrets: []string{"odd-key-secret"}})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"sending request", "response detail", `"@module":"provider.vendor"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{"config-api-key", "odd-key-secret", "tok-from-server", `"cs"`} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
}

func TestSilentClientLogsNothing(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	h, calls := scripted(http.StatusServiceUnavailable, http.StatusOK)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, _ := New(Config{Service: "vendor", BaseURL: srv.URL, Options: Options{Retry: fast, Silent: true}})
	if _, err := c.Do(ctx, Request{Method: "GET", Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Fatalf("server saw %d requests, want 2 (one retry)", calls.Load())
	}
	if buf.Len() != 0 {
		t.Errorf("a silent client logged:\n%s", buf.String())
	}
}
