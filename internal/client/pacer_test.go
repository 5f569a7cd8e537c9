package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

func rateHeaders(remaining int, reset time.Time) http.Header {
	h := http.Header{}
	h.Set("X-Ratelimit-Limit", "3")
	h.Set("X-Ratelimit-Remaining", fmt.Sprint(remaining))
	h.Set("X-Ratelimit-Reset", fmt.Sprint(reset.Unix()))
	return h
}

func blocked(t *testing.T, p *pacer) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := p.wait(ctx, false)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatal(err)
	}
	return err != nil
}

// The requests in flight count against the remaining budget: the server may
// have counted them already.
func TestPacerCountsRequestsInFlight(t *testing.T) {
	p := newPacer()
	now := time.Now()
	reset := now.Add(3 * time.Second)
	for range 3 {
		if blocked(t, p) {
			t.Fatal("no budget known yet: nothing should wait")
		}
	}
	p.done(rateHeaders(2, reset), 200, now)
	// 2 left, 2 still in flight.
	if !blocked(t, p) {
		t.Fatal("a request went out although the requests in flight may spend the window")
	}
	p.done(rateHeaders(2, reset), 200, now) // out of order: still 2 at most
	if blocked(t, p) {
		t.Fatal("one request of the budget is free again")
	}
	p.done(rateHeaders(0, reset), 200, now)
	p.done(nil, 0, now)
	if !blocked(t, p) {
		t.Fatal("the window is spent")
	}
}

// After the reset the last known limit is the new window's budget.
func TestPacerRefillsAtReset(t *testing.T) {
	p := newPacer()
	now := time.Now()
	reset := now.Truncate(time.Second).Add(2 * time.Second)
	if blocked(t, p) {
		t.Fatal("unexpected wait")
	}
	p.done(rateHeaders(0, reset), 200, now)
	start := time.Now()
	if err := p.wait(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if time.Now().Before(reset) {
		t.Fatalf("let through %v before the reset", time.Until(reset))
	}
	for range 2 {
		if blocked(t, p) {
			t.Fatalf("the new window's budget of 3 was not assumed (waited since %v)", start)
		}
	}
	if !blocked(t, p) {
		t.Fatal("a fourth request went out in a window of 3")
	}
}

// A 429's Retry-After holds every request back, not only its own retry.
func TestPacerHoldsEveryoneAfter429(t *testing.T) {
	p := newPacer()
	if blocked(t, p) {
		t.Fatal("unexpected wait")
	}
	h := http.Header{}
	h.Set("Retry-After", "0.3")
	now := time.Now()
	p.done(h, http.StatusTooManyRequests, now)
	if !blocked(t, p) {
		t.Fatal("a request went out during the Retry-After")
	}
	if err := p.wait(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if since := time.Since(now); since < 300*time.Millisecond {
		t.Fatalf("let through after %v, before the 300ms Retry-After", since)
	}
}

// A 429 without rate-limit headers tells no budget: after its hold, requests
// go one at a time and a retry goes before requests not tried yet, so a crowd
// does not meet the limit together again and again.
func TestPacerOneAtATimeAfterHeaderless429(t *testing.T) {
	p := newPacer()
	if blocked(t, p) {
		t.Fatal("unexpected wait")
	}
	h := http.Header{}
	h.Set("Retry-After", "0.1")
	now := time.Now()
	for range 10 { // a learned budget of 10 per window: it does not hold these requests back
		p.done(http.Header{}, http.StatusOK, now)
	}
	p.done(h, http.StatusTooManyRequests, now)
	time.Sleep(120 * time.Millisecond) // the hold is over; the throttled mode is not

	if err := p.wait(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if !blocked(t, p) {
		t.Fatal("a second request went out while one was in flight after a header-less 429")
	}
	p.done(http.Header{}, http.StatusOK, time.Now())

	// A retry is waiting: a new request must let it go first.
	retryIn := make(chan error, 1)
	p.mu.Lock()
	p.inflight++ // a request in flight keeps the retry waiting for now
	p.mu.Unlock()
	go func() { retryIn <- p.wait(context.Background(), true) }()
	deadline := time.Now().Add(time.Second)
	for {
		p.mu.Lock()
		waiting := p.retriesWaiting
		p.mu.Unlock()
		if waiting == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the retry never started waiting")
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.done(http.Header{}, http.StatusOK, time.Now())
	if err := <-retryIn; err != nil {
		t.Fatal(err)
	}
	if !blocked(t, p) {
		t.Fatal("a new request went out beside the retry")
	}
	p.done(http.Header{}, http.StatusOK, time.Now())
	if blocked(t, p) {
		t.Fatal("nothing in flight, no retry waiting: the request should go")
	}
	p.done(http.Header{}, http.StatusOK, time.Now())

	// Quiet for throttleQuiet hold lengths: requests go side by side again.
	p.mu.Lock()
	p.throttledUntil = time.Now().Add(-time.Millisecond)
	p.mu.Unlock()
	for range 3 {
		if blocked(t, p) {
			t.Fatal("still one at a time after the quiet spell")
		}
	}
}

// Rate-limit headers tell the budget: a 429 that carries them does not
// switch to one at a time.
func TestPacer429WithHeadersKeepsConcurrency(t *testing.T) {
	p := newPacer()
	now := time.Now()
	h := rateHeaders(0, now.Add(200*time.Millisecond))
	h.Set("Retry-After", "0")
	p.done(h, http.StatusTooManyRequests, now)
	p.mu.Lock()
	throttled := time.Now().Before(p.throttledUntil)
	p.mu.Unlock()
	if throttled {
		t.Fatal("a 429 with rate-limit headers switched to one at a time")
	}
}

// A server that answers 429s without rate-limit headers (Retry-After only):
// after the first, the pacer spends the limit it learned window by window
// instead of finding it again in each.
func TestPacerLearnsHeaderlessLimit(t *testing.T) {
	const limit, window, requests = 5, 200 * time.Millisecond, 40
	var mu sync.Mutex
	var start, first time.Time
	used, admitted, late := 0, 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		// Fixed windows on the clock, as the sandbox's are.
		if now := time.Now(); now.Sub(start) >= window {
			start, used = now.Truncate(window), 0
		}
		if used >= limit {
			// The requests in flight when the first 429 comes meet it too;
			// what counts is the 429s after that first window.
			if first.IsZero() {
				first = time.Now()
			} else if time.Since(first) > window {
				late++
			}
			w.Header().Set("Retry-After", "0.2")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		used++
		admitted++
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{Service: "test", BaseURL: srv.URL, Options: Options{Silent: true,
		Retry: RetryPolicy{MaxRetries: 5, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxWait: time.Second}}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, requests)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range requests / 8 {
				if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if admitted != requests {
		t.Errorf("server admitted %d requests, want %d", admitted, requests)
	}
	// 40 requests need 8 windows; finding the limit again in each would
	// take a 429 in each of the 7 after the first. Learned, it takes one
	// more if the first count also caught the window before, and one for
	// the probe after two windows spent without a 429.
	if late > 2 {
		t.Errorf("%d 429s after the first window for %d requests at %d per window: the limit was not learned", late, requests, limit)
	}
}
