package bench

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Acceptance thresholds: issue 17's, and issue 7's rate-limit target.
const (
	maxTwinRatio    = 1.15 // zero latency, apply and plan at the largest N, against twin
	maxWindowRatio  = 1.1  // latency runs: each phase's request window against requests × latency / parallelism
	maxRefreshShare = 0.05 // refresh with batch_reads: requests against one GET per object
	// The refresh at the latency: its request window against the
	// per-object latency floor, and its wall time against batch_reads off.
	maxRefreshWindow = 0.1
	maxRefreshWall   = 0.7
	// The refresh under the rate limit: wall time against batch_reads off.
	maxRefreshRateWall = 0.3
	maxRateRatio       = 1.2 // issue 7: apply at the rate N against the busiest vendor's requests ÷ limit
	maxRSSMB           = 100 // the provider's peak RSS at N=1000
)

// Check is one acceptance point and what the numbers say about it.
type Check struct {
	Name   string
	Pass   bool
	Detail string
}

// Failed reports whether a phase could not run.
func (r *Results) Failed() bool {
	for _, m := range r.Measures {
		if m.Err != "" {
			return true
		}
	}
	return false
}

func (r *Results) maxN() int {
	n := 0
	for _, v := range r.Opts.Ns {
		n = max(n, v)
	}
	return n
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return math.NaN()
	}
	return a.Seconds() / b.Seconds()
}

// LatencyFloor is requests × latency / parallelism.
func (r *Results) LatencyFloor(n int, p Phase) time.Duration {
	_, total := Budget(n, p)
	return time.Duration(float64(total) * float64(r.Opts.Latency) / float64(r.Opts.Parallelism))
}

// RateFloor is the busiest vendor's requests over the per-vendor limit: the
// sandbox limits each vendor on its own, so vendors are paced in parallel.
func (r *Results) RateFloor(n int, p Phase) (time.Duration, string, int) {
	per, _ := Budget(n, p)
	busiest, most := "", 0
	for _, k := range Kinds {
		if per[k.Vendor] > most {
			busiest, most = k.Vendor, per[k.Vendor]
		}
	}
	if r.Opts.RateLimit <= 0 {
		return 0, busiest, most
	}
	return time.Duration(float64(most) / float64(r.Opts.RateLimit) * float64(time.Second)), busiest, most
}

// Checks evaluates the acceptance points.
func (r *Results) Checks() []Check {
	out := []Check{r.budgetCheck()}
	n := r.maxN()
	for _, p := range []Phase{PhaseApply, PhasePlan} {
		out = append(out, r.twinCheck(n, p))
	}
	if r.Opts.LatencyN > 0 {
		for _, p := range Phases {
			out = append(out, r.windowCheck(r.Opts.LatencyN, p))
		}
	}
	if r.Opts.RefreshN > 0 {
		out = append(out, r.refreshChecks()...)
	}
	if r.Opts.RateN > 0 {
		out = append(out, r.rateCheck())
	}
	return append(out, r.rssCheck())
}

// budgetCheck: every phase of the cycle sends exactly its budget, per
// vendor, for the provider and the API loop alike.
func (r *Results) budgetCheck() Check {
	var bad []string
	checked := 0
	for _, m := range r.Measures {
		if m.Scenario == ScenarioRefreshLatency || m.Scenario == ScenarioRefreshRate {
			continue // refreshChecks
		}
		if m.Subject != SubjectConduit && m.Subject != SubjectAPI {
			continue
		}
		if m.Err != "" {
			bad = append(bad, fmt.Sprintf("%s %s N=%d %s failed", m.Scenario, m.Subject, m.N, m.Phase))
			continue
		}
		per, _ := Budget(m.N, m.Phase)
		for i, c := range Spread(m.N) {
			k := Kinds[i]
			checked++
			if c > 0 && m.Requests[k.Vendor] != per[k.Vendor] {
				bad = append(bad, fmt.Sprintf("%s %s N=%d %s %s: %d requests, budget %d", m.Scenario, m.Subject, m.N, m.Phase, k.Resource,
					m.Requests[k.Vendor], per[k.Vendor]))
			}
		}
	}
	detail := fmt.Sprintf("%d (type, phase, N, scenario) combinations of the provider and the API loop send exactly the requests per object "+
		"each resource's documentation states (429s excluded): create, update and delete unchanged, the plan's refresh one GET per object "+
		"with batch_reads off (the refresh scenario checks the batched budget)", checked)
	if len(bad) > 0 {
		detail = strings.Join(bad, "; ")
	}
	return Check{"Requests per object per phase equal the budgets; create, update and delete unchanged", len(bad) == 0 && checked > 0, detail}
}

func (r *Results) twinCheck(n int, p Phase) Check {
	c, t := r.Find(ScenarioBase, SubjectConduit, n, p), r.Find(ScenarioBase, SubjectTwin, n, p)
	name := fmt.Sprintf("Zero latency, %s at N=%d within %.3gx twin", p, n, maxTwinRatio)
	if c == nil || t == nil || c.Err != "" || t.Err != "" || len(c.Walls) == 0 || len(t.Walls) == 0 {
		return Check{name, false, "not measured"}
	}
	q := ratio(c.Wall(), t.Wall())
	detail := fmt.Sprintf("%.2fs vs %.2fs: %.2fx (median of %d; provider CPU %.2fs vs %.2fs)", c.Wall().Seconds(), t.Wall().Seconds(), q,
		len(c.Walls), c.CPU.Seconds(), t.CPU.Seconds())
	if f := r.Find(ScenarioBase, SubjectNoop, n, p); f != nil && f.Err == "" && len(f.Walls) > 0 {
		detail += fmt.Sprintf("; against the two-attribute no-op provider, %.2fs, %.2fx", f.Wall().Seconds(), ratio(c.Wall(), f.Wall()))
	}
	return Check{name, q <= maxTwinRatio, detail}
}

func (r *Results) windowCheck(n int, p Phase) Check {
	c := r.Find(ScenarioLatency, SubjectConduit, n, p)
	_, total := Budget(n, p)
	fl := r.LatencyFloor(n, p)
	name := fmt.Sprintf("Latency %s, %s at N=%d: request window within %.2gx requests × latency / %d", r.Opts.Latency, p, n, maxWindowRatio, r.Opts.Parallelism)
	if c == nil || c.Err != "" || windowOf(c) <= 0 {
		return Check{name, false, "not measured"}
	}
	q := ratio(windowOf(c), fl)
	detail := fmt.Sprintf("%.2fs vs %d × %s / %d = %.2fs: %.2fx (wall %.2fs, the first request %.2fs after the start)",
		windowOf(c).Seconds(), total, r.Opts.Latency, r.Opts.Parallelism, fl.Seconds(), q, c.Wall().Seconds(), c.Before.Seconds())
	if t := r.Find(ScenarioLatency, SubjectTwin, n, p); t != nil && t.Err == "" && windowOf(t) > 0 {
		detail += fmt.Sprintf("; twin sending the same requests and doing nothing else: %.2fs, %.2fx the floor, conduit %.2fx twin",
			windowOf(t).Seconds(), ratio(windowOf(t), fl), ratio(windowOf(c), windowOf(t)))
	}
	return Check{name, q <= maxWindowRatio, detail}
}

// refreshCounts checks a refresh's requests per vendor: the batch budget
// with batch_reads on, one GET per object off.
func (r *Results) refreshCounts(m *Measure) string {
	n := r.Opts.RefreshN
	want, _ := RefreshBudget(n, r.Opts.RefreshScopes)
	if m.Subject == SubjectConduitOff {
		for i, c := range Spread(n) {
			want[Kinds[i].Vendor] = c
		}
	}
	var bad []string
	for _, k := range Kinds {
		if m.Requests[k.Vendor] != want[k.Vendor] {
			bad = append(bad, fmt.Sprintf("%s %d, want %d", k.Vendor, m.Requests[k.Vendor], want[k.Vendor]))
		}
	}
	if len(bad) > 0 {
		return fmt.Sprintf("%s, %s: requests %s", m.Scenario, m.Subject, strings.Join(bad, ", "))
	}
	return ""
}

func (r *Results) refreshChecks() []Check {
	n, scopes := r.Opts.RefreshN, r.Opts.RefreshScopes
	_, budget := RefreshBudget(n, scopes)
	lat := fmt.Sprintf("Refresh of N=%d in %d scopes per vendor at %s", n, scopes, r.Opts.Latency)
	rate := fmt.Sprintf("Refresh of N=%d in %d scopes per vendor under %d requests/s per vendor", n, scopes, r.Opts.RefreshRate)
	on, off := r.Find(ScenarioRefreshLatency, SubjectConduitOn, n, PhasePlan), r.Find(ScenarioRefreshLatency, SubjectConduitOff, n, PhasePlan)
	ron, roff := r.Find(ScenarioRefreshRate, SubjectConduitOn, n, PhasePlan), r.Find(ScenarioRefreshRate, SubjectConduitOff, n, PhasePlan)
	failed := func(ms ...*Measure) string {
		for _, m := range ms {
			switch {
			case m == nil || len(m.Walls) == 0:
				return "not measured"
			case m.Err != "":
				return fmt.Sprintf("%s, %s failed: %s", m.Scenario, m.Subject, firstLine(m.Err))
			}
		}
		return ""
	}
	var out []Check

	name := fmt.Sprintf("%s: at most %.0f%% of the per-object request count", lat, maxRefreshShare*100)
	if why := failed(on, off); why != "" {
		out = append(out, Check{name, false, why})
	} else {
		bad := strings.TrimSpace(r.refreshCounts(on) + " " + r.refreshCounts(off))
		share := float64(on.Total()) / float64(off.Total())
		detail := fmt.Sprintf("%d requests (%s) against %d with batch_reads off: %.1f%%; the budget S × (pages + 1) is %d", on.Total(), perVendor(on),
			off.Total(), share*100, budget)
		if bad != "" {
			detail += "; " + bad
		}
		out = append(out, Check{name, bad == "" && share <= maxRefreshShare, detail})
	}

	fl := r.RefreshLatencyFloor()
	name = fmt.Sprintf("%s: request window at most %.1fx the per-object latency floor (N × %s / %d)", lat, maxRefreshWindow, r.Opts.Latency, r.Opts.Parallelism)
	if why := failed(on); why != "" {
		out = append(out, Check{name, false, why})
	} else {
		q := ratio(windowOf(on), fl)
		out = append(out, Check{name, windowOf(on) > 0 && q <= maxRefreshWindow, fmt.Sprintf("%.2fs vs %.2fs: %.3fx (batch_reads off: %.2fs, %.2fx)",
			windowOf(on).Seconds(), fl.Seconds(), q, windowOf(off).Seconds(), ratio(windowOf(off), fl))})
	}

	name = fmt.Sprintf("%s: wall time at most %.1fx the same plan with batch_reads off", lat, maxRefreshWall)
	if why := failed(on, off); why != "" {
		out = append(out, Check{name, false, why})
	} else {
		q := ratio(on.Wall(), off.Wall())
		out = append(out, Check{name, q <= maxRefreshWall, fmt.Sprintf("%.2fs vs %.2fs: %.2fx (Terraform's planning is in both: the first request %.2fs and %.2fs after the start)",
			on.Wall().Seconds(), off.Wall().Seconds(), q, on.Before.Seconds(), off.Before.Seconds())})
	}

	name = fmt.Sprintf("%s: wall time at most %.1fx batch_reads off, no error, no 429 left unhandled", rate, maxRefreshRateWall)
	if why := failed(ron, roff); why != "" {
		out = append(out, Check{name, false, why})
	} else {
		q := ratio(ron.Wall(), roff.Wall())
		bad := strings.TrimSpace(r.refreshCounts(ron) + " " + r.refreshCounts(roff))
		detail := fmt.Sprintf("%.2fs vs %.2fs: %.2fx (per-object rate floor, %d objects of the busiest vendor ÷ %d/s: %.2fs); %d requests (%s), %d 429s received, "+
			"every one retried (both plans succeeded with exactly their budgets); batch_reads off %d requests, %d 429s",
			ron.Wall().Seconds(), roff.Wall().Seconds(), q, busiest(Spread(n)), r.Opts.RefreshRate, r.RefreshRateFloor().Seconds(),
			ron.Total(), perVendor(ron), ron.TotalThrottled(), roff.Total(), roff.TotalThrottled())
		if bad != "" {
			detail += "; " + bad
		}
		out = append(out, Check{name, bad == "" && q <= maxRefreshRateWall, detail})
	}
	return out
}

// perVendor is a measure's requests per vendor, in the kinds' order.
func perVendor(m *Measure) string {
	parts := make([]string, len(Kinds))
	for i, k := range Kinds {
		parts[i] = fmt.Sprintf("%d %s", m.Requests[k.Vendor], k.Vendor)
	}
	return strings.Join(parts, ", ")
}

func (r *Results) rateCheck() Check {
	c := r.Find(ScenarioRate, SubjectConduit, r.Opts.RateN, PhaseApply)
	name := fmt.Sprintf("Rate limit %d req/s, apply of N=%d without error within %.2gx the rate floor (issue 7)", r.Opts.RateLimit, r.Opts.RateN, maxRateRatio)
	switch {
	case c == nil:
		return Check{name, false, "not measured"}
	case c.Err != "":
		return Check{name, false, "failed: " + firstLine(c.Err)}
	}
	fl, _, _ := r.RateFloor(r.Opts.RateN, PhaseApply)
	q := ratio(c.Wall(), fl)
	return Check{name, q <= maxRateRatio, fmt.Sprintf("%.2fs vs %.2fs, the busiest vendor's requests ÷ %d/s: %.2fx (the request window alone, %.2fs after %.2fs of planning: %.2fx); %d 429s received %v",
		c.Wall().Seconds(), fl.Seconds(), r.Opts.RateLimit, q, windowOf(c).Seconds(), c.Before.Seconds(), ratio(windowOf(c), fl), c.TotalThrottled(), c.Throttled)}
}

// rssCheck: the largest peak of any provider process at N=1000 (or the
// largest N measured), in every scenario.
func (r *Results) rssCheck() Check {
	rssN := 0
	for _, v := range append(append([]int{}, r.Opts.Ns...), r.Opts.LatencyN, r.Opts.RefreshN) {
		if v == 1000 || (rssN != 1000 && v > rssN) {
			rssN = v
		}
	}
	var peak int64
	where := ""
	for _, m := range r.Measures {
		if isConduit(m.Subject) && m.N == rssN && m.RSSKiB > peak {
			peak, where = m.RSSKiB, fmt.Sprintf("%s, %s, %s", m.Scenario, m.Subject, m.Phase)
		}
	}
	return Check{fmt.Sprintf("Provider peak RSS under %d MB at N=%d", maxRSSMB, rssN), peak > 0 && float64(peak)/1024 < maxRSSMB,
		fmt.Sprintf("%.1f MB (the largest ru_maxrss of the provider processes over every phase and scenario at that N: %s)", float64(peak)/1024, where)}
}
