package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// The refresh scenario (README, "Refresh at scale"): N objects, a quarter of
// each kind, each kind's spread evenly over RefreshScopes scopes of its
// vendor, refreshed by a no-change `terraform plan` at the latency and
// under the rate limit, with batch_reads on and off.
const (
	ScenarioRefreshLatency Scenario = "refresh, latency"
	ScenarioRefreshRate    Scenario = "refresh, rate limit"
)

// The refresh scenario's subjects: conduit with batch_reads on (the
// default) and off (CONDUIT_BATCH_READS=false, one GET per object, as in
// the cycle).
const (
	SubjectConduitOn  Subject = "conduit, batch_reads on"
	SubjectConduitOff Subject = "conduit, batch_reads off"
)

// RefreshScope names the s-th scope of a kind's vendor in the refresh
// scenario, in the form each API takes: an Auth0 organization id, a Versori
// organisation ULID, a Vectorize organization UUID, a TileDB namespace.
func RefreshScope(kind, s int) string {
	switch kind {
	case 0:
		return fmt.Sprintf("org_bench_s%d", s)
	case 1:
		return fmt.Sprintf("01JDBENCH0RG%014d", s)
	case 2:
		return fmt.Sprintf("0b7e5a1c-0000-4000-8000-%012d", s)
	default:
		return fmt.Sprintf("bench-ns-%d", s)
	}
}

// RefreshConnection is the Auth0 connection of the i-th org connection in
// the refresh scenario. Org connection i sits in organization i % scopes,
// and an (organization, connection) pair exists once, so each organization
// enables connections 0, 1, … of the tenant.
func RefreshConnection(i, scopes int) string { return fmt.Sprintf("con_bench%011d", i/scopes) }

// RefreshScopes is how many of kind k's c objects each scope holds: object
// i sits in scope i % scopes.
func RefreshScopes(c, scopes int) []int {
	out := make([]int, scopes)
	for i := range c {
		out[i%scopes]++
	}
	return out
}

// RefreshBudget is the requests a refresh of the scenario's n objects sends
// with batch_reads on, per vendor and in total.
func RefreshBudget(n, scopes int) (map[string]int, int) {
	per := map[string]int{}
	total := 0
	for i, c := range Spread(n) {
		per[Kinds[i].Vendor] = Kinds[i].ReadBudget(RefreshScopes(c, scopes))
		total += per[Kinds[i].Vendor]
	}
	return per, total
}

// RefreshConfig renders the refresh scenario's configuration for conduit:
// every object names its scope.
func RefreshConfig(n, scopes int) string {
	var objects strings.Builder
	for k, c := range Spread(n) {
		for i := range c {
			conduitObject(&objects, k, i, 1, RefreshScope(k, i%scopes), RefreshConnection(i, scopes))
		}
	}
	var b strings.Builder
	writeConfig(&b, SubjectConduit, objects.String())
	return b.String()
}

// refreshFixtures makes the scenario's scopes exist in the sandbox, and the
// Auth0 connections its organizations enable: after every resetData, since a
// Reset forgets organizations and connections (TileDB keeps namespaces).
func (r *runner) refreshFixtures() {
	scopes, n := r.opts.RefreshScopes, r.opts.RefreshN
	for s := range scopes {
		r.sb.Auth0().AddOrganization(RefreshScope(0, s))
		r.sb.Versori().AddOrganisation(RefreshScope(1, s))
		r.sb.Vectorize().AddOrganization(RefreshScope(2, s))
		if !r.namespaces {
			r.sb.TileDB().AddNamespace(RefreshScope(3, s))
		}
	}
	r.namespaces = true
	for c := range (Spread(n)[0] + scopes - 1) / scopes {
		r.sb.Auth0().AddConnection(RefreshConnection(c*scopes, scopes), fmt.Sprintf("bench-db-%d", c), "auth0")
	}
}

// refreshRun is one measured refresh: a setting of the sandbox and the switch.
type refreshRun struct {
	scenario Scenario
	set      sandbox.Settings
	subject  Subject
}

func (r *runner) refreshRuns() []refreshRun {
	lat := sandbox.Settings{Latency: r.opts.Latency}
	rate := sandbox.Settings{RateLimit: r.opts.RefreshRate, RetryAfterOn429: true}
	return []refreshRun{
		{ScenarioRefreshLatency, lat, SubjectConduitOn},
		{ScenarioRefreshLatency, lat, SubjectConduitOff},
		{ScenarioRefreshRate, rate, SubjectConduitOn},
		{ScenarioRefreshRate, rate, SubjectConduitOff},
	}
}

// refresh applies the scenario's objects at zero latency (set-up, not
// measured), measures each refresh run's plan and destroys the objects.
// Every plan must be empty (-detailed-exitcode).
func (r *runner) refresh(ctx context.Context) {
	n := r.opts.RefreshN
	runs := r.refreshRuns()
	r.logf("== refresh, N=%d in %d scopes per vendor", n, r.opts.RefreshScopes)
	fail := func(what string, err error) {
		r.logf("  error: %s: %v", what, err)
		for _, run := range runs {
			if m := r.measure(run.scenario, run.subject, n, PhasePlan); m.Err == "" {
				m.Err = what + ": " + err.Error()
			}
		}
	}
	dir := filepath.Join(r.work, "tf", fmt.Sprintf("refresh-%d", n))
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		fail("refresh set-up", err)
		return
	}
	if err := r.initBackend(ctx, dir, SubjectConduit); err != nil {
		fail("refresh set-up", err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(RefreshConfig(n, r.opts.RefreshScopes)), 0o600); err != nil {
		fail("refresh set-up", err)
		return
	}
	r.resetData()
	r.refreshFixtures()
	r.sb.Configure(sandbox.Settings{})
	if _, _, err := r.terraform(ctx, dir, SubjectConduit, PhaseApply, 0); err != nil {
		fail("refresh set-up (apply)", err)
		return
	}
	if err := r.checkObjects(n, PhaseApply); err != nil {
		fail("refresh set-up (apply)", err)
		return
	}
	for i, run := range runs {
		r.sb.Configure(run.set)
		// i numbers the runs' logs (plan-<i>.log) and profiles.
		if err := r.phase(ctx, run.scenario, run.subject, n, i, PhasePlan, dir, run.set, ""); err != nil {
			r.measure(run.scenario, run.subject, n, PhasePlan).Err = err.Error()
			r.logf("  error: %v", err)
		}
	}
	r.sb.Configure(sandbox.Settings{})
	if _, _, err := r.terraform(ctx, dir, SubjectConduit, PhaseDestroy, 0); err != nil {
		fail("refresh clean-up (destroy)", err)
	}
}

// RefreshLatencyFloor is the per-object latency floor of the refresh: one
// GET per object, parallelism at a time.
func (r *Results) RefreshLatencyFloor() time.Duration {
	return time.Duration(float64(r.Opts.RefreshN) * float64(r.Opts.Latency) / float64(r.Opts.Parallelism))
}

// RefreshRateFloor is the per-object rate floor of the refresh: the
// busiest vendor's objects, one GET each, at the rate limit.
func (r *Results) RefreshRateFloor() time.Duration {
	if r.Opts.RefreshRate <= 0 {
		return 0
	}
	return time.Duration(float64(busiest(Spread(r.Opts.RefreshN))) / float64(r.Opts.RefreshRate) * float64(time.Second))
}

func busiest(counts []int) int {
	most := 0
	for _, c := range counts {
		most = max(most, c)
	}
	return most
}
