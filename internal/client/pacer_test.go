package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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
	err := p.wait(ctx)
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
	if err := p.wait(context.Background()); err != nil {
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
	if err := p.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if since := time.Since(now); since < 300*time.Millisecond {
		t.Fatalf("let through after %v, before the 300ms Retry-After", since)
	}
}
