package client

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy holds the backoff bounds. Tests shrink them; the provider uses the defaults.
type RetryPolicy struct {
	MaxRetries int
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// MaxWait caps how long one server-requested wait (Retry-After, reset) may be.
	MaxWait time.Duration
}

// DefaultRetryPolicy is what the provider runs with.
func DefaultRetryPolicy(maxRetries int) RetryPolicy {
	return RetryPolicy{MaxRetries: maxRetries, MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second, MaxWait: 5 * time.Minute}
}

// retryableStatus lists the answers worth another try. 429, 408 and 503 mean the
// server turned the request away, so they are safe even for mutations; 502 and
// 504 come from a gateway that may have passed the request on.
func retryableStatus(status int) (retry, safeForMutation bool) {
	switch status {
	case http.StatusTooManyRequests, http.StatusRequestTimeout, http.StatusServiceUnavailable:
		return true, true
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return true, false
	}
	return false, false
}

// Backoff is the capped exponential wait with full jitter before attempt n (1-based retry number).
func (p RetryPolicy) Backoff(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	ceiling := p.MinBackoff << min(n-1, 20)
	if ceiling > p.MaxBackoff || ceiling <= 0 {
		ceiling = p.MaxBackoff
	}
	half := ceiling / 2
	return half + time.Duration(rand.Int64N(int64(half)+1)) //nolint:gosec // jitter needs no cryptographic randomness
}

// ServerWait reads how long the server asked us to wait: Retry-After (seconds or
// HTTP date) first, then an x-ratelimit-reset epoch. ok is false when neither is present.
func ServerWait(h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseFloat(v, 64); err == nil {
			return max(time.Duration(secs*float64(time.Second)), 0), true
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0), true
		}
	}
	if reset, ok := ResetTime(h); ok {
		return max(reset.Sub(now), 0), true
	}
	return 0, false
}

// ResetTime parses x-ratelimit-reset as absolute Unix epoch seconds (Auth0's form).
func ResetTime(h http.Header) (time.Time, bool) {
	v := strings.TrimSpace(h.Get("X-Ratelimit-Reset"))
	if v == "" {
		return time.Time{}, false
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil || secs <= 0 {
		return time.Time{}, false
	}
	return time.Unix(secs, 0), true
}

// waitFor picks the wait before retry n: the server's word when it gave one, else backoff.
func (p RetryPolicy) waitFor(n int, h http.Header, now time.Time) time.Duration {
	if h != nil {
		if d, ok := ServerWait(h, now); ok {
			return min(d, p.MaxWait)
		}
	}
	return p.Backoff(n)
}
