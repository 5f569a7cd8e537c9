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
// budget, so the pacer learns one. The 429 ends a window as long as its
// Retry-After (a second without); the answers the server counted in it
// (every answer but a 429, those still in flight included, which arrive
// during the hold) are its limit. From then on each window of that length,
// plus a margin for a server window that began before ours, starts with its
// first request and lets that many go, counted as they are sent. Windows
// spent without a 429 raise the limit by one now and then (see probeAfter),
// in case the count fell short; a window that meets a 429 anyway lowers it by
// one, or counts it again while it has not held for a whole window. Until a
// quiet spell without another such 429, requests also go one at a time and
// retries go first: waiting here costs a request none of its retries, while a
// crowd released together at the end of the hold would find the limit again
// and again, each burning its retries.
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

	// learned: the budget (limit per window of windowLen) was learned from
	// header-less 429s. remaining then counts sends, and reset is zero
	// until the first send of a window starts it.
	learned   bool
	windowLen time.Duration
	hit       bool        // a 429 in the current learned window: count its limit at its end
	counted   int         // answers but 429s in the current learned window
	answered  []time.Time // when the latest answers but 429s came, oldest first (before learning)
	// A learned limit is raised by one (a probe) after probeAfter windows
	// in a row spent without a 429; a probe that meets one doubles it.
	probeAfter, clean int
	probing           bool
	validated         bool // a window spent at this limit (or one higher) met no 429
}

// firstProbeAfter and lastProbeAfter bound probeAfter.
const firstProbeAfter, lastProbeAfter = 2, 64

// learnMargin lengthens a learned window beyond the server's Retry-After:
// the server's window may have begun before our first request in it.
const learnMargin = 50 * time.Millisecond

// keepAnswered bounds the answers remembered for learning a limit.
const keepAnswered = 1024

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
	p.learned = false // the server's word replaces a learned budget
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
	headerless := h.Get("X-Ratelimit-Remaining") == ""
	if status != http.StatusTooManyRequests {
		if headerless {
			p.countAnswer(now)
		}
		return
	}
	d, ok := ServerWait(h, now)
	if ok {
		p.hold(d, now)
	}
	if headerless {
		window := d
		if !ok || window <= 0 {
			window = time.Second
		}
		p.learn(window, now)
		p.throttle(max(d, time.Second), now)
	}
}

func (p *pacer) countAnswer(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.learned {
		p.counted++
		return
	}
	if len(p.answered) == keepAnswered {
		p.answered = append(p.answered[:0], p.answered[keepAnswered/2:]...)
	}
	p.answered = append(p.answered, now)
}

// learn ends the current window at a header-less 429: nothing more is sent
// until its hold is over and the window's count is its limit (see wait).
// The first 429 starts the count with the answers of the window before it.
func (p *pacer) learn(window time.Duration, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.learned {
		from := now.Add(-window)
		for _, t := range p.answered {
			if t.After(from) {
				p.counted++
			}
		}
		p.answered = nil
		p.learned, p.limit, p.probeAfter, p.validated = true, 1, firstProbeAfter, false
	}
	if !p.hit && p.probing {
		p.probeAfter = min(2*p.probeAfter, lastProbeAfter)
	}
	p.known, p.hit, p.clean = true, true, 0
	p.windowLen = window + learnMargin
	p.remaining = 0
	if end := now.Add(window); end.After(p.reset) {
		p.reset = end
	}
	if p.until.After(p.reset) {
		p.reset = p.until
	}
	p.signal()
}

// rollover starts a fresh window when the current one is over; p.mu is held.
func (p *pacer) rollover(now time.Time) {
	if !p.known || p.reset.IsZero() || now.Before(p.reset) {
		return
	}
	if p.learned {
		switch {
		case p.hit && (p.probing || p.validated):
			// A raise that went too far, or a limit that held until now:
			// a server window off ours, or a lower limit. One less.
			p.limit, p.probing = max(p.limit-1, 1), false
		case p.hit:
			p.limit = max(p.counted, 1) // the first count, or one not proven yet
		case p.remaining <= 0:
			p.probing, p.validated = false, true
			if p.clean++; p.clean >= p.probeAfter {
				p.limit, p.clean, p.probing = p.limit+1, 0, true
			}
		}
		p.hit, p.counted = false, 0
	}
	// A fresh window of the last known size, or none known.
	p.known, p.reset, p.remaining = p.limit > 0, time.Time{}, p.limit
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
		p.rollover(now)
		var d time.Duration
		switch {
		case now.Before(p.until):
			d = p.until.Sub(now)
		case p.learned && p.remaining <= 0 && !p.reset.IsZero():
			// Learned budgets count sends; the window started with its first.
			d = p.reset.Sub(now)
		case !p.learned && p.known && p.remaining-p.inflight <= 0:
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
			if p.learned {
				if p.reset.IsZero() {
					p.reset = now.Add(p.windowLen)
				}
				p.remaining--
			}
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
