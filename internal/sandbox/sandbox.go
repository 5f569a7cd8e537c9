// Package sandbox serves the four vendor emulators on one HTTP handler, with
// per-route request counters, fault injection and a control API under /_sandbox/.
package sandbox

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// Server is the whole sandbox.
type Server struct {
	mux       *http.ServeMux
	emulators map[string]emu.Emulator
	vendorOf  map[string]string // route pattern -> emulator name

	mu       sync.Mutex
	counts   map[string]int
	limited  map[string]int // 429s answered by the rate limit, per vendor
	faults   []*Fault
	settings Settings
	rng      *rand.Rand
	windows  map[string]*window
	// injected counts, per route, the requests answered by a fault, a 429 or
	// a random error instead of the emulator; inFlight the requests being served.
	injected map[string]int
	inFlight int
}

type window struct {
	start time.Time
	used  int
}

// New builds a sandbox serving the given emulators.
func New(emulators ...emu.Emulator) *Server {
	s := &Server{
		mux:       http.NewServeMux(),
		emulators: map[string]emu.Emulator{},
		vendorOf:  map[string]string{},
		counts:    map[string]int{},
		limited:   map[string]int{},
		injected:  map[string]int{},
		windows:   map[string]*window{},
		rng:       rand.New(rand.NewPCG(1, 2)), //nolint:gosec // faults are reproducible by design
	}
	for _, e := range emulators {
		s.emulators[e.Name()] = e
		for _, rt := range e.Routes() {
			s.mux.Handle(rt.Pattern, s.wrap(e, rt))
			s.vendorOf[rt.Pattern] = e.Name()
		}
	}
	s.registerControl()
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Emulator returns the emulator of a vendor.
func (s *Server) Emulator(name string) emu.Emulator { return s.emulators[name] }

// VendorOf names the emulator that serves a route pattern (a key of Counts).
func (s *Server) VendorOf(route string) string { return s.vendorOf[route] }

// Counts returns the requests received per route pattern since the last reset.
func (s *Server) Counts() map[string]int {
	return s.snapshot(&s.counts)
}

// Throttled returns the 429s the rate limit answered per vendor since the
// last reset (they are in Counts too, as requests received).
func (s *Server) Throttled() map[string]int {
	return s.snapshot(&s.limited)
}

// snapshot copies one of the counters under the lock (never nil); it takes
// the field's address because ResetCounts replaces the maps.
func (s *Server) snapshot(m *map[string]int) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := maps.Clone(*m)
	if out == nil {
		out = map[string]int{}
	}
	return out
}

// ResetCounts zeroes the counters.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = map[string]int{}
	s.limited = map[string]int{}
	s.injected = map[string]int{}
}

// Injected returns, per route pattern, how many of the counted requests were
// answered by an injected fault, the rate limit or a random error rather
// than by the emulator (a delay fault is not counted: the emulator answers).
func (s *Server) Injected() map[string]int {
	return s.snapshot(&s.injected)
}

// WaitIdle waits until no request is being served, or timeout passes, and
// reports whether the sandbox went idle. Tests call it after a client gave up
// on slow answers, whose handlers may still be applying changes.
func (s *Server) WaitIdle(timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		n := s.inFlight
		s.mu.Unlock()
		if n == 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// AddFault queues a deterministic fault rule.
func (s *Server) AddFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults drops queued faults and standing settings.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
	s.settings = Settings{}
}

// Configure replaces the standing settings (latency, rate limit, error rate).
func (s *Server) Configure(set Settings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings = set
	s.rng = rand.New(rand.NewPCG(set.Seed, set.Seed^0x9e3779b97f4a7c15)) //nolint:gosec // seeded for reproducible faults
}

// Settings returns the standing settings.
func (s *Server) Settings() Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

// wrap puts counting, latency, rate limiting, auth and faults around a route.
func (s *Server) wrap(e emu.Emulator, rt emu.Route) http.Handler {
	label := rt.Pattern
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fault, set, win, limited, transient := s.admit(e.Name(), label, r)
		defer s.done()
		if set.Latency > 0 {
			time.Sleep(set.Latency)
		}
		e.RateHeaders(w.Header(), win, limited)
		if limited {
			if set.RetryAfterOn429 {
				w.Header().Set("Retry-After", "1")
			}
			e.WriteError(w, http.StatusTooManyRequests, "Global limit has been reached")
			return
		}
		if !rt.Public && !e.Authorized(r) {
			e.WriteError(w, http.StatusUnauthorized, "Invalid token")
			return
		}
		if transient != 0 {
			e.WriteError(w, transient, http.StatusText(transient))
			return
		}
		if fault != nil {
			switch fault.Mode {
			case FaultStatus:
				if fault.RetryAfter != "" {
					w.Header().Set("Retry-After", fault.RetryAfter)
				}
				e.WriteError(w, fault.Status, http.StatusText(fault.Status))
				return
			case FaultReset:
				hangUp(w)
				return
			case FaultDelay:
				time.Sleep(fault.Delay)
			case FaultDropAfterApply:
				rec := httptest.NewRecorder()
				rt.Handler(rec, r)
				hangUp(w)
				return
			}
		}
		rt.Handler(w, r)
	})
}

// admit counts the request and decides, under one lock, which fault applies.
func (s *Server) admit(vendor, label string, r *http.Request) (*Fault, Settings, emu.RateWindow, bool, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[label]++
	s.inFlight++

	win := s.windows[vendor]
	now := time.Now()
	if win == nil || now.Sub(win.start) >= time.Second {
		win = &window{start: now.Truncate(time.Second)}
		s.windows[vendor] = win
	}
	limit := s.settings.RateLimit
	headerLimit := limit
	if headerLimit == 0 {
		headerLimit = 1000
	}
	limited := limit > 0 && win.used >= limit
	if limited {
		s.limited[vendor]++
	} else {
		win.used++
	}
	rw := emu.RateWindow{Limit: headerLimit, Remaining: max(headerLimit-win.used, 0), Reset: win.start.Add(time.Second)}
	if limit == 0 {
		rw.Remaining = max(rw.Remaining, 1)
	}

	transient := 0
	if !limited && s.settings.ErrorRate > 0 && s.rng.Float64() < s.settings.ErrorRate {
		transient = []int{502, 503, 504}[s.rng.IntN(3)]
	}
	var fault *Fault
	for _, f := range s.faults {
		if f.matches(vendor, r) {
			f.Count--
			fault = f
			break
		}
	}
	if limited || transient != 0 || (fault != nil && fault.Mode != FaultDelay) {
		s.injected[label]++
	}
	return fault, s.settings, rw, limited, transient
}

func (s *Server) done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight--
}

// hangUp closes the client connection without an answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// Objects returns every vendor's stored objects, for tests comparing state to the sandbox.
func (s *Server) Objects(vendor string) map[string]json.RawMessage {
	e := s.emulators[vendor]
	if e == nil {
		return nil
	}
	return e.Objects()
}

// Vendors lists the emulator names, sorted.
func (s *Server) Vendors() []string {
	var names []string
	for n := range s.emulators {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Mutations sums the counts of non-GET routes.
func Mutations(counts map[string]int) int {
	n := 0
	for k, v := range counts {
		if !strings.HasPrefix(k, "GET ") {
			n += v
		}
	}
	return n
}
