package acceptance_test

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// The matrix runs every resource type through create, update and delete with
// one fault kind injected into each phase, per vendor. The provider retries
// with max_retries = 2 and request_timeout = 2s; slow answers take 3s.
const (
	matrixRetries = 2
	matrixTimeout = 2 * time.Second
	slowAnswer    = 3 * time.Second
)

type phase string

const (
	create phase = "create"
	update phase = "update"
	remove phase = "delete"
)

var phases = []phase{create, update, remove}

// method is the mutating HTTP method of a kind's phase.
func (k kind) method(p phase) string {
	switch p {
	case create:
		return "POST"
	case update:
		return k.updateMethod
	}
	return "DELETE"
}

// faultCase is one fault kind: the faults injected for a kind in a phase,
// standing settings, and, when the faults are not transient, the error each
// resource's apply must report.
type faultCase struct {
	name     string
	faults   func(k kind, p phase) []sandbox.Fault
	settings sandbox.Settings
	// fails is the pattern each kind's error diagnostic must match; nil when
	// the faults are transient and the apply must succeed.
	fails func(k kind, p phase) *regexp.Regexp
	// adoptWarning: a create is expected to report the object it adopted.
	adoptWarning bool
	// noRefresh applies without refreshing first, so that an update or a
	// delete reaches its mutation even while every read fails.
	noRefresh bool
}

func status(k kind, method string, code, count int, retryAfter string) sandbox.Fault {
	return sandbox.Fault{Mode: sandbox.FaultStatus, Vendor: k.vendor, Method: method, Status: code, Count: count, RetryAfter: retryAfter}
}

func mode(k kind, m sandbox.FaultMode, method string, count int) sandbox.Fault {
	return sandbox.Fault{Mode: m, Vendor: k.vendor, Method: method, Count: count, Delay: slowAnswer}
}

// onMutationAndRead injects one fault on the phase's mutation and one on a read.
func onMutationAndRead(f func(k kind, method string) sandbox.Fault) func(kind, phase) []sandbox.Fault {
	return func(k kind, p phase) []sandbox.Fault { return []sandbox.Fault{f(k, k.method(p)), f(k, "GET")} }
}

var faultCases = []faultCase{
	{
		// Auth0 and Versori send x-ratelimit-reset (Auth0: epoch seconds) on
		// every answer, TileDB and Vectorize nothing: reset wait vs backoff.
		name: "429 storm with reset headers, no Retry-After",
		faults: func(k kind, p phase) []sandbox.Fault {
			return []sandbox.Fault{status(k, k.method(p), 429, matrixRetries, "")}
		},
	},
	{
		name: "429 storm with Retry-After",
		faults: func(k kind, p phase) []sandbox.Fault {
			return []sandbox.Fault{status(k, k.method(p), 429, matrixRetries, "1")}
		},
	},
	{
		name:     "rate limit of 1 request per second",
		faults:   func(kind, phase) []sandbox.Fault { return nil },
		settings: sandbox.Settings{RateLimit: 1},
	},
	{
		name:   "502 bad gateway",
		faults: onMutationAndRead(func(k kind, m string) sandbox.Fault { return status(k, m, 502, 1, "") }),
	},
	{
		name: "503 unavailable",
		faults: func(k kind, p phase) []sandbox.Fault {
			return []sandbox.Fault{status(k, k.method(p), 503, matrixRetries, ""), status(k, "GET", 503, 1, "")}
		},
	},
	{
		name:   "504 gateway timeout",
		faults: onMutationAndRead(func(k kind, m string) sandbox.Fault { return status(k, m, 504, 1, "") }),
	},
	{
		name:   "connection reset",
		faults: onMutationAndRead(func(k kind, m string) sandbox.Fault { return mode(k, sandbox.FaultReset, m, 1) }),
	},
	{
		// The server applies the change after the client gave up: a create
		// must wait for it to appear rather than send a second POST.
		name: "mutation slower than request_timeout",
		faults: func(k kind, p phase) []sandbox.Fault {
			return []sandbox.Fault{mode(k, sandbox.FaultDelay, k.method(p), 1)}
		},
	},
	{
		name: "reads slower than request_timeout",
		faults: func(k kind, _ phase) []sandbox.Fault {
			return []sandbox.Fault{mode(k, sandbox.FaultDelay, "GET", 2)}
		},
	},
	{
		name: "applied but the answer lost",
		faults: func(k kind, p phase) []sandbox.Fault {
			return []sandbox.Fault{mode(k, sandbox.FaultDropAfterApply, k.method(p), 1)}
		},
		adoptWarning: true,
	},
	{
		name: "429 storm longer than max_retries",
		faults: func(k kind, p phase) []sandbox.Fault {
			return []sandbox.Fault{status(k, k.method(p), 429, 50, "")}
		},
		fails: func(k kind, p phase) *regexp.Regexp {
			return regexp.MustCompile(`(?s)` + k.method(p) + ` ` + k.path + `\S+: 429 Too Many Requests.*\(gave up after 3 attempts\)`)
		},
	},
	{
		name: "502 on every try",
		faults: func(k kind, p phase) []sandbox.Fault {
			return []sandbox.Fault{status(k, k.method(p), 502, 50, "")}
		},
		fails: func(k kind, p phase) *regexp.Regexp {
			return regexp.MustCompile(`(?s)` + k.method(p) + ` ` + k.path + `\S+: outcome unknown, the request may have been applied: ` +
				k.method(p) + ` \S+: 502 Bad Gateway`)
		},
	},
	{
		// Every request of the vendor times out, so the provider cannot
		// learn whether its mutation landed (it does, late).
		name: "timeout on every try",
		faults: func(k kind, _ phase) []sandbox.Fault {
			return []sandbox.Fault{mode(k, sandbox.FaultDelay, "", 50)}
		},
		noRefresh: true,
		fails: func(k kind, p phase) *regexp.Regexp {
			if p == create {
				return regexp.MustCompile(`(?s)POST ` + k.path + `\S+: outcome unknown.*no answer within the request timeout \(request_timeout 2s\)` +
					`.*Looking the object up .* failed too: .*giving up after 3 attempts.*Terraform keeps it in state, marked tainted`)
			}
			return regexp.MustCompile(`(?s)` + k.method(p) + ` ` + k.path + `\S+: outcome unknown.*no answer within the request timeout`)
		},
	},
}

// TestAccFaultMatrix: for each fault kind and each resource type, create,
// update and delete succeed when the faults are transient and fail with a
// clear diagnostic when they are not; after every phase the sandbox holds
// exactly the objects the state says exist, object by object.
func TestAccFaultMatrix(t *testing.T) {
	preCheck(t)
	// The cases mostly wait (on backoffs and slow answers), so more of them
	// run at once than -parallel (GOMAXPROCS) would allow.
	runConcurrently(t, 6, len(faultCases), func(i int) (string, func(*testing.T)) {
		c := faultCases[i]
		return c.name, func(t *testing.T) { runFaultCase(t, c) }
	})
}

// runConcurrently runs n subtests, at most limit at a time.
func runConcurrently(t *testing.T, limit, n int, sub func(i int) (string, func(*testing.T))) {
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		name, f := sub(i)
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			t.Run(name, f)
		}()
	}
	wg.Wait()
}

func runFaultCase(t *testing.T, c faultCase) {
	sb := acctest.StartSandbox(t)
	ctl := controlOf(t, sb)
	ws := newWorkspace(t, nil)
	provider := providerBlock(sb, providerOpts{MaxRetries: matrixRetries, Timeout: matrixTimeout.String()})
	config := func(v int) string {
		var b strings.Builder
		b.WriteString(provider)
		for _, k := range kinds {
			b.WriteString(k.hcl(0, v))
		}
		return b.String()
	}
	// settle applies version v without faults, when a failed phase left
	// the previous step undone.
	settle := func(v int, what string) {
		var r result
		if v == 0 {
			r = ws.destroy()
		} else {
			ws.write(config(v))
			r = ws.apply()
		}
		if r.err != nil {
			t.Fatalf("%s without faults: %v\n%s", what, r.err, r.of("error"))
		}
		expectMatch(t, what, checkExact(ws.state(), sb, kinds))
	}
	failed := false
	for i, p := range phases {
		if failed {
			settle(i, "redo the "+string(phases[i-1])+" phase")
		}
		for _, k := range kinds {
			for _, f := range c.faults(k, p) {
				ctl.fault(f)
			}
		}
		ctl.settings(c.settings)
		var r result
		switch p {
		case create:
			ws.write(config(1))
			r = ws.apply()
		case update:
			ws.write(config(2))
			r = ws.apply(tfexec.Refresh(!c.noRefresh))
		case remove:
			r = ws.destroy(tfexec.Refresh(!c.noRefresh))
		}
		// Slow answers may still be applying changes after the client gave up.
		if !sb.WaitIdle(30 * time.Second) {
			t.Fatalf("%s: the sandbox is still serving requests", p)
		}
		ctl.clear()
		if c.fails == nil {
			checkSucceeded(t, c, p, r)
			expectMatch(t, string(p), checkExact(ws.state(), sb, kinds))
			continue
		}
		failed = true
		checkFailed(t, c, p, r)
		expectMatch(t, string(p)+", before any refresh", checkNoOrphans(ws.state(), sb, kinds))
		if rr := ws.refresh(); rr.err != nil {
			t.Fatalf("%s: refresh without faults: %v\n%s", p, rr.err, rr.of("error"))
		}
		expectMatch(t, string(p)+", after a refresh", checkExact(ws.state(), sb, kinds))
	}
	if failed {
		settle(0, "destroy")
	}
	if left := len(sb.Objects("auth0")) + len(sb.Objects("versori")) + len(sb.Objects("vectorize")) + len(sb.Objects("tiledb")); left != 0 {
		t.Errorf("%d objects left after destroy", left)
	}
}

func checkSucceeded(t *testing.T, c faultCase, p phase, r result) {
	t.Helper()
	if r.err != nil {
		t.Fatalf("%s: want success despite the faults, got: %v\n%s", p, r.err, r.of("error"))
	}
	if c.adoptWarning && p == create {
		warnings := r.of("warning")
		for _, k := range kinds {
			if !strings.Contains(warnings, "Adopted the") || !containsAddress(r, k.typ, "warning", "Adopted the") {
				t.Errorf("%s: no adoption warning for %s; warnings:\n%s", p, k.typ, warnings)
			}
		}
	}
}

func checkFailed(t *testing.T, c faultCase, p phase, r result) {
	t.Helper()
	if r.err == nil {
		t.Fatalf("%s: want an error, the apply succeeded", p)
	}
	for _, k := range kinds {
		want := c.fails(k, p)
		found := false
		for _, d := range r.diags {
			found = found || (d.Severity == "error" && want.MatchString(d.Summary+": "+d.Detail))
		}
		if !found {
			t.Errorf("%s: no error for %s matching %s; errors:\n%s", p, k.typ, want, r.of("error"))
		}
	}
}

// containsAddress reports a diagnostic of the severity, about a resource of
// the type, whose summary contains text.
func containsAddress(r result, typ, severity, text string) bool {
	for _, d := range r.diags {
		if d.Severity == severity && strings.HasPrefix(d.Address, typ+".") && strings.Contains(d.Summary, text) {
			return true
		}
	}
	return false
}

func expectMatch(t *testing.T, when string, problems []string) {
	t.Helper()
	if len(problems) > 0 {
		t.Errorf("%s: the state and the sandbox disagree:\n  %s", when, strings.Join(problems, "\n  "))
	}
}
