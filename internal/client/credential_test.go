package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// testService has two credentials, so messages name an alternative.
var testService = Service{
	Block: "acme", Name: "Acme",
	Settings: []Setting{
		{Attr: "api_key", Env: []string{"ACME_API_KEY", "ACME_TOKEN"}, Sensitive: true},
		{Attr: "username", Env: []string{"ACME_USERNAME"}},
		{Attr: "password", Env: []string{"ACME_PASSWORD"}, Sensitive: true},
	},
	Credentials: [][]string{{"api_key"}, {"username", "password"}},
}

const testKey = "k-0123456789"

// decodeMessage reads `message`, else the OAuth `error_description`.
func decodeMessage(_ int, body []byte) (string, string, []FieldError) {
	var e struct {
		Message          string `json:"message"`
		ErrorDescription string `json:"error_description"`
	}
	_ = json.Unmarshal(body, &e)
	if e.Message != "" {
		return e.Message, "", nil
	}
	return e.ErrorDescription, "", nil
}

// guardedClient is a client of testService whose key came from ACME_TOKEN,
// sending to h; it counts the requests h sees.
func guardedClient(t *testing.T, h http.HandlerFunc) (*Client, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	s := testService.Resolve(func(st Setting) Value {
		if st.Attr == "api_key" {
			return Value{Value: testKey, Source: "ACME_TOKEN"}
		}
		return Value{}
	})
	c, err := New(Config{Service: "acme", BaseURL: srv.URL + "/api", Auth: BearerToken(testKey), Secrets: []string{testKey}, DecodeError: decodeMessage,
		Options: Options{Retry: fast, RequestTimeout: 2 * time.Second, Guard: s.Guard()}})
	if err != nil {
		t.Fatal(err)
	}
	return c, &n
}

// A 401 is reported once with the settings to fix, never retried, and
// latched: ten concurrent requests and the ones after send one request in all,
// and all fail with that same error.
func TestRefusedCredentialLatches(t *testing.T) {
	c, sent := guardedClient(t, func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(20 * time.Millisecond) // the others arrive while it is in flight
		w.WriteHeader(http.StatusUnauthorized)
		// A vendor that echoes the key must not put it in a diagnostic.
		_, _ = w.Write([]byte(`{"message":"Invalid token ` + testKey + `"}`))
	})
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/things", Body: map[string]int{"i": i}})
		}()
	}
	wg.Wait()
	_, after := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/other"})
	if n := sent.Load(); n != 1 {
		t.Fatalf("the server saw %d requests, want 1", n)
	}
	first := c.guard.Refused()
	if first == nil || !first.Latched || first.Status != 401 {
		t.Fatalf("latched %+v", first)
	}
	for i, err := range append(errs, after) {
		var ce *CredentialError
		if !errors.As(err, &ce) || ce != first {
			t.Fatalf("request %d: want the latched refusal, got %v", i, err)
		}
	}
	msg := first.Error()
	for _, want := range []string{
		"POST /api/things: 401 Unauthorized: Invalid token ***",
		"Acme (http://127.0.0.1:", "/api) refused the credential from ACME_TOKEN.",
		"Correct it in acme.api_key or ACME_API_KEY or ACME_TOKEN (the first one set is used)",
		"or authenticate with acme.username and acme.password (ACME_USERNAME, ACME_PASSWORD) instead.",
		"The other Acme requests of this run fail with this error without being sent.",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, testKey) || strings.Contains(first.Body, testKey) {
		t.Errorf("the key is echoed:\n%s", msg)
	}
	if !IsCredentialRefused(after) {
		t.Error("IsCredentialRefused is false for the latched refusal")
	}
}

// A 403 from the API can be about one object: it names the credential's
// settings but does not latch, so other objects are still requested.
func TestForbiddenNamesTheCredentialWithoutLatching(t *testing.T) {
	c, sent := guardedClient(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/theirs") {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"message":"You do not have access to organization theirs"}`))
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	ctx := context.Background()
	_, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/theirs"})
	var ce *CredentialError
	if !errors.As(err, &ce) || ce.Latched || ce.Status != 403 {
		t.Fatalf("want an unlatched 403, got %v", err)
	}
	for _, want := range []string{
		"GET /api/theirs: 403 Forbidden: You do not have access to organization theirs",
		"denied this request to the credential from ACME_TOKEN: it lacks a permission, or access to this object.",
		"Grant it, or set a credential that has it in acme.api_key or ACME_API_KEY or ACME_TOKEN",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
	if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/mine"}); err != nil {
		t.Fatalf("a 403 on one object failed another: %v", err)
	}
	if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/theirs"}); !errors.As(err, &ce) {
		t.Fatalf("want the 403 again, got %v", err)
	}
	if n := sent.Load(); n != 3 {
		t.Fatalf("the server saw %d requests, want 3 (no retry, no latch)", n)
	}
}

// Until an answer proves the credential, requests go one at a time; then
// they go side by side. Answers that say nothing of it (408, 5xx; 429
// alike, left out here for the pacer's hold it brings) let the next
// request try.
func TestOneRequestAtATimeUntilTheCredentialIsProven(t *testing.T) {
	var inFlight, peakBefore, peakAfter atomic.Int32
	var proven atomic.Bool
	var calls atomic.Int32
	c, _ := guardedClient(t, func(w http.ResponseWriter, _ *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		peak := &peakBefore
		if proven.Load() {
			peak = &peakAfter
		}
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(15 * time.Millisecond)
		switch calls.Add(1) {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
		case 2:
			w.WriteHeader(http.StatusRequestTimeout)
		default:
			proven.Store(true)
			_, _ = w.Write([]byte(`{}`))
		}
	})
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if peakBefore.Load() != 1 {
		t.Errorf("%d requests in flight before the credential was proven, want 1", peakBefore.Load())
	}
	if peakAfter.Load() < 2 {
		t.Errorf("requests went one at a time after the credential was proven (peak %d)", peakAfter.Load())
	}
	if n := calls.Load(); n != 12 {
		t.Errorf("%d requests, want 12 (ten and two retries)", n)
	}
}

// A request waiting for the probe's answer stops with its context.
func TestWaitingForTheProbeEndsWithTheContext(t *testing.T) {
	release := make(chan struct{})
	c, _ := guardedClient(t, func(w http.ResponseWriter, _ *http.Request) {
		<-release
		_, _ = w.Write([]byte(`{}`))
	})
	defer close(release)
	go func() { _, _ = c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/slow"}) }()
	time.Sleep(20 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the context's deadline, got %v", err)
	}
}

// A refused client-credentials grant (401, or 403 for the audience) is the
// refusal: one token request, none to the API, whatever the concurrency,
// and the API client's requests fail with the token endpoint's error.
func TestRefusedTokenRequestLatchesTheService(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			var tokens, calls atomic.Int32
			mux := http.NewServeMux()
			mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, _ *http.Request) {
				tokens.Add(1)
				time.Sleep(20 * time.Millisecond)
				w.WriteHeader(status)
				_ = json.NewEncoder(w).Encode(map[string]string{"error": "access_denied", "error_description": "Unauthorized"})
			})
			mux.HandleFunc("/api/v2/", func(w http.ResponseWriter, _ *http.Request) { calls.Add(1) })
			srv := httptest.NewServer(mux)
			t.Cleanup(srv.Close)
			s := testService.Given(map[string]string{"username": "id", "password": "the-secret"})
			o := Options{Retry: fast, Guard: s.Guard()}
			tokenClient, _ := New(Config{Service: "acme", BaseURL: srv.URL, Options: o, Secrets: []string{"the-secret"}, DecodeError: decodeMessage})
			cc := &OAuthTokenSource{TokenClient: tokenClient, ClientID: "id", ClientSecret: "the-secret", Audience: "a"}
			api, _ := New(Config{Service: "acme", BaseURL: srv.URL + "/api/v2", Options: o, Auth: cc})

			var wg sync.WaitGroup
			errs := make([]error, 10)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = api.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
				}()
			}
			wg.Wait()
			if tokens.Load() != 1 || calls.Load() != 0 {
				t.Fatalf("%d token requests and %d API requests, want 1 and 0", tokens.Load(), calls.Load())
			}
			refused := o.Guard.Refused()
			for i, err := range errs {
				var ce *CredentialError
				if !errors.As(err, &ce) || ce != refused {
					t.Fatalf("request %d: want the latched refusal, got %v", i, err)
				}
			}
			msg := refused.Error()
			for _, want := range []string{"POST /oauth/token: " + strconv.Itoa(status) + " " + http.StatusText(status) + ": Unauthorized", "refused the credential from acme.username and acme.password.",
				"Correct it in acme.username or ACME_USERNAME, and acme.password or ACME_PASSWORD (of each, the first one set is used), or authenticate with acme.api_key (ACME_API_KEY or ACME_TOKEN) instead."} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q:\n%s", want, msg)
				}
			}
		})
	}
}

// The endpoint in the message never shows user info from the URL.
func TestRefusalEndpointHidesUserInfo(t *testing.T) {
	c, err := New(Config{Service: "acme", BaseURL: "https://user:pw-secret@api.example.com/v1?x=1"})
	if err != nil {
		t.Fatal(err)
	}
	ce := c.judge(Request{}, &APIError{Method: "GET", Path: "/v1/x", Status: 401})
	if ce == nil || ce.Endpoint != "https://api.example.com/v1" || strings.Contains(ce.Error(), "pw-secret") {
		t.Fatalf("endpoint %q in %v", ce.Endpoint, ce)
	}
	// Without a Guard from the provider, the message names the service.
	if !strings.Contains(ce.Error(), "acme (https://api.example.com/v1) refused the configured credential.") {
		t.Errorf("message: %s", ce.Error())
	}
}

// Every request log line carries the root fields of the RPC that made it
// (tf_req_id, tf_rpc, tf_resource_type, set by the framework on its root
// logger), so a user can tell which resource sent which request.
func TestRequestLogsCarryTheRootFields(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	ctx = tflog.SetField(ctx, "tf_req_id", "req-42")
	ctx = tflog.SetField(ctx, "tf_resource_type", "acme_thing")
	ctx = tflog.SetField(ctx, "tf_rpc", "ApplyResourceChange")
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{}`)) }))
	if _, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	lines, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	requests := 0
	for _, l := range lines {
		if l["@module"] != "provider.test" {
			continue
		}
		requests++
		if l["tf_req_id"] != "req-42" || l["tf_resource_type"] != "acme_thing" || l["tf_rpc"] != "ApplyResourceChange" {
			t.Errorf("log line without the RPC's fields: %v", l)
		}
	}
	if requests < 2 {
		t.Fatalf("want the request and response lines, got %d: %v", requests, lines)
	}
}
