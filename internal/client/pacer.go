package client

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// pacer spends the server's rate-limit window instead of running into 429s.
// From x-ratelimit-remaining and x-ratelimit-reset it keeps the least
// remaining count reported in the current window, and holds a new request
// back while that count, less the requests still in flight (which the server
// may already have counted), is used up, until the reset. A 429 holds every
// request back for as long as the server asked (Retry-After), so the requests
// of a big apply wait together instead of each finding the limit again. When
// a window ends without news, the last x-ratelimit-limit is assumed for the next.
//
// A 429 that comes without rate-limit headers (Vectorize, TileDB) tells no
// budget. Then, until a quiet spell without another such 429, requests go one
// at a time and retries go first: waiting here costs a request none of its
// retries, while a crowd released together at the end of the hold would
// find the limit again and again, each burning its retries.
type pacer struct {
	mu sync.Mutex
	// changed is closed (and replaced) when the budget may have grown.
	changed chan struct{}
	// maxHold caps one hold a server asks for (RetryPolicy.MaxWait).
	maxHold time.Duration

	until     time.Time // nothing is sent before this (a 429's wait)
	known     bool      // a window's budget is known
	reset     time.Time // end of that window; zero when not known yet
	remaining int       // least remaining reported in that window
	limit     int       // last x-ratelimit-limit (0: not sent)
	inflight  int       // requests sent and not answered yet

	throttledUntil time.Time // one at a time, retries first, until then
	retriesWaiting int       // retries waiting while throttled
}

// throttleQuiet is how many hold lengths must pass without a header-less
// 429 before requests go out side by side again.
const throttleQuiet = 2

func newPacer() *pacer { return &pacer{changed: make(chan struct{})} }

// observe reads the rate-limit headers of an answer.
func (p *pacer) observe(h http.Header, now time.Time) {
	n, err := strconv.Atoi(h.Get("X-Ratelimit-Remaining"))
	if err != nil {
		return
	}
	reset, ok := ResetTime(h)
	if !ok || !reset.After(now) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if limit, err := strconv.Atoi(h.Get("X-Ratelimit-Limit")); err == nil && limit > 0 {
		p.limit = limit
	}
	switch {
	case !p.known || p.reset.IsZero() || reset.After(p.reset):
		// A new window: its remaining count is the server's word.
		p.known, p.reset, p.remaining = true, reset, max(n, 0)
	case reset.Equal(p.reset):
		// Answers may arrive out of order; the count only goes down in a window.
		p.remaining = min(p.remaining, max(n, 0))
	}
	p.signal()
}

// hold keeps every request back for d (a 429's Retry-After).
func (p *pacer) hold(d time.Duration, now time.Time) {
	if p.maxHold > 0 {
		d = min(d, p.maxHold)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if until := now.Add(d); until.After(p.until) {
		p.until = until
	}
}

// done ends a request wait let through: its answer's headers (nil without
// an answer) and status update the budget.
func (p *pacer) done(h http.Header, status int, now time.Time) {
	p.mu.Lock()
	p.inflight = max(p.inflight-1, 0)
	p.signal()
	p.mu.Unlock()
	if h == nil {
		return
	}
	p.observe(h, now)
	if status != http.StatusTooManyRequests {
		return
	}
	d, ok := ServerWait(h, now)
	if ok {
		p.hold(d, now)
	}
	if h.Get("X-Ratelimit-Remaining") == "" {
		p.throttle(max(d, time.Second), now)
	}
}

// throttle enters (or prolongs) the one-at-a-time mode after a 429 that
// told no budget.
func (p *pacer) throttle(d time.Duration, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until := now.Add(throttleQuiet * d); until.After(p.throttledUntil) {
		p.throttledUntil = until
	}
}

// signal wakes the waiters; p.mu is held.
func (p *pacer) signal() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// wait blocks until a request may be sent, and counts it in flight: every
// wait that returns nil must be followed by done. retry says the request
// was tried before and is owed its turn first.
func (p *pacer) wait(ctx context.Context, retry bool) error {
	counted := false
	defer func() {
		if counted {
			p.mu.Lock()
			p.retriesWaiting--
			p.signal()
			p.mu.Unlock()
		}
	}()
	for {
		p.mu.Lock()
		now := time.Now()
		throttled := now.Before(p.throttledUntil)
		if throttled && retry && !counted {
			p.retriesWaiting++
			counted = true
		}
		if p.known && !p.reset.IsZero() && !now.Before(p.reset) {
			// The window is over: a fresh one of the last known size, or none known.
			p.known, p.reset, p.remaining = p.limit > 0, time.Time{}, p.limit
		}
		var d time.Duration
		switch {
		case now.Before(p.until):
			d = p.until.Sub(now)
		case p.known && p.remaining-p.inflight <= 0:
			if !p.reset.IsZero() {
				d = p.reset.Sub(now)
			} else {
				d = time.Minute // until an answer in flight says more
			}
		case throttled && (p.inflight > 0 || (!retry && p.retriesWaiting > 0)):
			// One at a time, retries first; an answer or the end of the mode wakes us.
			d = p.throttledUntil.Sub(now)
		default:
			p.inflight++
			p.mu.Unlock()
			return nil
		}
		changed := p.changed
		p.mu.Unlock()
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-changed:
		case <-t.C:
		}
		t.Stop()
	}
}
