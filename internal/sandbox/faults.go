package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// FaultMode says what an injected fault does.
type FaultMode string

const (
	// FaultStatus answers with Status (vendor error body) before the change is applied.
	FaultStatus FaultMode = "status"
	// FaultDropAfterApply applies the change, then closes the connection with no answer.
	FaultDropAfterApply FaultMode = "drop_after_apply"
	// FaultReset closes the connection before the change is applied.
	FaultReset FaultMode = "reset"
	// FaultDelay waits Delay before handling the request normally.
	FaultDelay FaultMode = "delay"
)

// Fault is one rule of deterministic fault injection. It fires on the next
// Count requests that match Method (empty: any), PathPrefix (empty: any),
// Path (empty: any) and Query (empty: any).
type Fault struct {
	Mode       FaultMode `json:"mode"`
	Method     string    `json:"method,omitempty"`
	PathPrefix string    `json:"path_prefix,omitempty"`
	// Path is the exact path: a list's path is a prefix of every object's
	// path under it, so a fault meant for a list alone names it whole.
	Path string `json:"path,omitempty"`
	// Query are parameters the request must carry with these values; an
	// empty value asks only that the parameter be present (a cursor). A
	// fault can so hit one page of a list (page=1) and no other.
	Query      map[string]string `json:"query,omitempty"`
	Vendor     string            `json:"vendor,omitempty"`
	Count      int               `json:"count"`
	Status     int               `json:"status,omitempty"`
	RetryAfter string            `json:"retry_after,omitempty"`
	Delay      time.Duration     `json:"delay,omitempty"`
}

func (f *Fault) matches(vendor string, r *http.Request) bool {
	if f.Count <= 0 {
		return false
	}
	if f.Vendor != "" && f.Vendor != vendor {
		return false
	}
	if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
		return false
	}
	if f.PathPrefix != "" && !strings.HasPrefix(r.URL.Path, f.PathPrefix) {
		return false
	}
	if f.Path != "" && r.URL.Path != f.Path {
		return false
	}
	q := r.URL.Query()
	for k, v := range f.Query {
		if !q.Has(k) || (v != "" && q.Get(k) != v) {
			return false
		}
	}
	return true
}

// Settings are the standing knobs: latency on every answer, a rate limit per
// vendor, and a rate of random transient 5xx drawn from a seeded source.
type Settings struct {
	Latency time.Duration `json:"latency"`
	// RateLimit is requests per second per vendor; 0 means unlimited.
	RateLimit int `json:"rate_limit"`
	// RetryAfterOn429 adds a Retry-After header to 429s (Auth0 also sends the reset epoch).
	RetryAfterOn429 bool `json:"retry_after_on_429"`
	// ErrorRate is the probability (0–1) of a random 502/503/504 before handling.
	ErrorRate float64 `json:"error_rate"`
	Seed      uint64  `json:"seed"`
}
