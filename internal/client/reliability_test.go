package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A retryable answer that never stops says how often it was tried.
func TestGivingUpNamesTheAttempts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	t.Cleanup(srv.Close)
	c, _ := New(Config{Service: "t", BaseURL: srv.URL, Options: Options{Retry: fast}})
	_, err := c.Do(context.Background(), Request{Method: "PATCH", Path: "/x"})
	if err == nil || !strings.Contains(err.Error(), "429 Too Many Requests (gave up after 4 attempts)") {
		t.Fatalf("got %v", err)
	}
}

// A POST that times out is an unknown outcome that may still land; a GET that
// times out on every try says it got no answer within the request timeout.
func TestTimeoutsAreNamed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Second):
		}
	}))
	t.Cleanup(srv.Close)
	c, _ := New(Config{Service: "t", BaseURL: srv.URL, Options: Options{Retry: fast, RequestTimeout: 20 * time.Millisecond}})
	_, err := c.Do(context.Background(), Request{Method: "POST", Path: "/x", Body: map[string]int{}})
	if !IsOutcomeUnknown(err) || !MayStillApply(err) || !strings.Contains(err.Error(), "no answer within the request timeout (request_timeout 20ms)") {
		t.Fatalf("POST: got %v", err)
	}
	_, err = c.Do(context.Background(), Request{Method: "GET", Path: "/x"})
	if IsOutcomeUnknown(err) || !strings.Contains(err.Error(), "giving up after 4 attempts: no answer within the request timeout") {
		t.Fatalf("GET: got %v", err)
	}
	if MayStillApply(&OutcomeUnknownError{Cause: &APIError{Status: http.StatusBadGateway}}) {
		t.Fatal("a 502 was refused by the gateway: it is not in progress")
	}
}

// A mutation marked idempotent (a token request) is retried after a 502.
func TestIdempotentMutationIsRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	c, _ := New(Config{Service: "t", BaseURL: srv.URL, Options: Options{Retry: fast}})
	resp, err := c.Do(context.Background(), Request{Method: "POST", Path: "/oauth/token", Idempotent: true})
	if err != nil || n.Load() != 2 {
		t.Fatalf("%d requests, err %v", n.Load(), err)
	}
	if e := resp.Undecodable(nil, "no token"); e.Method != "POST" || e.Path != "/oauth/token" || !strings.Contains(e.Error(), "POST /oauth/token: 200 OK: undecodable answer: no token") {
		t.Fatalf("undecodable: %v", e)
	}
}
