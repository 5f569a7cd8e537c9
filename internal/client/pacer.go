package client

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// pacer holds new requests back when the server said its window is spent
// (x-ratelimit-remaining: 0), so a big apply waits for the reset instead of
// running into 429s.
type pacer struct {
	mu    sync.Mutex
	until time.Time
}

func newPacer() *pacer { return &pacer{} }

func (p *pacer) observe(h http.Header, now time.Time) {
	remaining := h.Get("X-Ratelimit-Remaining")
	if remaining == "" {
		return
	}
	n, err := strconv.Atoi(remaining)
	if err != nil || n > 0 {
		return
	}
	reset, ok := ResetTime(h)
	if !ok || !reset.After(now) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if reset.After(p.until) {
		p.until = reset
	}
}

func (p *pacer) wait(ctx context.Context) error {
	p.mu.Lock()
	d := time.Until(p.until)
	p.mu.Unlock()
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
