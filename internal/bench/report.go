package bench

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Acceptance thresholds (issue 7).
const (
	maxNoopRatio    = 1.2  // apply and plan at the largest N, zero latency, against the no-op provider
	maxLatencyRatio = 1.15 // apply at the latency N against requests × latency / parallelism
	maxRateRatio    = 1.2  // apply at the rate N against the busiest vendor's requests / limit
	maxRSSMB        = 100  // the provider's peak RSS at N=1000
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
	var out []Check

	// Requests per object equal the budgets, for every type, phase, N and scenario.
	var bad []string
	checked := 0
	for _, m := range r.Measures {
		if m.Subject != SubjectConduit && m.Subject != SubjectAPI {
			continue
		}
		if m.Err != "" {
			bad = append(bad, fmt.Sprintf("%s %s N=%d %s failed", m.Scenario, m.Subject, m.N, m.Phase))
			continue
		}
		for i, c := range Spread(m.N) {
			k := Kinds[i]
			checked++
			if c > 0 && m.Requests[k.Vendor] != c*k.Budget[m.Phase] {
				bad = append(bad, fmt.Sprintf("%s %s N=%d %s %s: %.3g/object, budget %d", m.Scenario, m.Subject, m.N, m.Phase, k.Resource,
					float64(m.Requests[k.Vendor])/float64(c), k.Budget[m.Phase]))
			}
		}
	}
	detail := fmt.Sprintf("%d (type, phase, N, scenario) combinations of the provider and the API loop match PRODUCT.md exactly (429s excluded)", checked)
	if len(bad) > 0 {
		detail = strings.Join(bad, "; ")
	}
	out = append(out, Check{"Requests per object per phase equal PRODUCT.md's budgets", len(bad) == 0 && checked > 0, detail})

	n := r.maxN()
	for _, p := range []Phase{PhaseApply, PhasePlan} {
		c, f := r.Find(ScenarioBase, SubjectConduit, n, p), r.Find(ScenarioBase, SubjectNoop, n, p)
		name := fmt.Sprintf("Zero latency, %s at N=%d within %.2gx the no-op provider", p, n, maxNoopRatio)
		if c == nil || f == nil || c.Err != "" || f.Err != "" {
			out = append(out, Check{name, false, "not measured"})
			continue
		}
		q := ratio(c.Wall(), f.Wall())
		detail := fmt.Sprintf("%.2fs vs %.2fs: %.2fx", c.Wall().Seconds(), f.Wall().Seconds(), q)
		if t := r.Find(ScenarioBase, SubjectTwin, n, p); t != nil && t.Err == "" && len(t.Walls) > 0 {
			detail += fmt.Sprintf(" (against twin, the no-op provider with conduit's schemas, %.2fs: %.2fx)", t.Wall().Seconds(), ratio(c.Wall(), t.Wall()))
		}
		out = append(out, Check{name, q <= maxNoopRatio, detail})
	}

	if r.Opts.LatencyN > 0 {
		c := r.Find(ScenarioLatency, SubjectConduit, r.Opts.LatencyN, PhaseApply)
		name := fmt.Sprintf("Latency %s, apply at N=%d within %.3gx requests × latency / %d", r.Opts.Latency, r.Opts.LatencyN, maxLatencyRatio, r.Opts.Parallelism)
		if c == nil || c.Err != "" {
			out = append(out, Check{name, false, "not measured"})
		} else {
			fl := r.LatencyFloor(r.Opts.LatencyN, PhaseApply)
			q := ratio(c.Wall(), fl)
			out = append(out, Check{name, q <= maxLatencyRatio, fmt.Sprintf("%.2fs vs %.2fs: %.2fx (the request window alone, %.2fs after %.2fs of planning: %.2fx)",
				c.Wall().Seconds(), fl.Seconds(), q, windowOf(c).Seconds(), c.Before.Seconds(), ratio(windowOf(c), fl))})
		}
	}

	if r.Opts.RateN > 0 {
		c := r.Find(ScenarioRate, SubjectConduit, r.Opts.RateN, PhaseApply)
		name := fmt.Sprintf("Rate limit %d req/s, apply of N=%d without error within %.2gx the rate floor", r.Opts.RateLimit, r.Opts.RateN, maxRateRatio)
		switch {
		case c == nil:
			out = append(out, Check{name, false, "not measured"})
		case c.Err != "":
			out = append(out, Check{name, false, "failed: " + firstLine(c.Err)})
		default:
			fl, _, _ := r.RateFloor(r.Opts.RateN, PhaseApply)
			q := ratio(c.Wall(), fl)
			_, total := Budget(r.Opts.RateN, PhaseApply)
			all := time.Duration(float64(total) / float64(r.Opts.RateLimit) * float64(time.Second))
			out = append(out, Check{name, q <= maxRateRatio, fmt.Sprintf("%.2fs vs %.2fs, the busiest vendor's requests ÷ %d/s: %.2fx (the request window alone, %.2fs after %.2fs of planning: %.2fx; "+
				"against all %d requests ÷ %d/s, %.2fs, it would be %.2fx); %d 429s received %v",
				c.Wall().Seconds(), fl.Seconds(), r.Opts.RateLimit, q, windowOf(c).Seconds(), c.Before.Seconds(), ratio(windowOf(c), fl),
				total, r.Opts.RateLimit, all.Seconds(), ratio(c.Wall(), all), c.TotalThrottled(), c.Throttled)})
		}
	}

	rssN := 0
	for _, v := range r.Opts.Ns {
		if v == 1000 || (rssN != 1000 && v > rssN) {
			rssN = v
		}
	}
	var peak int64
	for _, m := range r.Measures {
		if m.Subject == SubjectConduit && m.N == rssN && m.Scenario == ScenarioBase {
			peak = max(peak, m.RSSKiB)
		}
	}
	out = append(out, Check{fmt.Sprintf("Provider peak RSS under %d MB at N=%d", maxRSSMB, rssN), peak > 0 && float64(peak)/1024 < maxRSSMB,
		fmt.Sprintf("%.1f MB (largest ru_maxrss of the provider processes over the four phases)", float64(peak)/1024)})
	return out
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}

// Summary is the acceptance list for the terminal.
func Summary(r *Results) string {
	var b strings.Builder
	b.WriteString("\nAcceptance:\n")
	for _, c := range r.Checks() {
		mark := "PASS"
		if !c.Pass {
			mark = "FAIL"
		}
		fmt.Fprintf(&b, "  %s  %s: %s\n", mark, c.Name, c.Detail)
	}
	for _, m := range r.Measures {
		if m.Err != "" {
			fmt.Fprintf(&b, "  ERROR %s %s N=%d %s: %s\n", m.Scenario, m.Subject, m.N, m.Phase, firstLine(m.Err))
		}
	}
	return b.String()
}

func secs(m *Measure) string {
	if m == nil || len(m.Walls) == 0 {
		return "–"
	}
	s := fmt.Sprintf("%.2f s", m.Wall().Seconds())
	if m.Err != "" {
		s += " (failed)"
	}
	return s
}

func times(a, b *Measure) string {
	if a == nil || b == nil || len(a.Walls) == 0 || len(b.Walls) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2fx", ratio(a.Wall(), b.Wall()))
}

func perObject(m *Measure, n int) string {
	if m == nil || m.Requests == nil {
		return "–"
	}
	parts := make([]string, len(Kinds))
	for i, c := range Spread(n) {
		if c == 0 {
			parts[i] = "–"
			continue
		}
		parts[i] = trim(float64(m.Requests[Kinds[i].Vendor]) / float64(c))
	}
	return strings.Join(parts, " / ")
}

func budgetPerObject(p Phase) string {
	parts := make([]string, len(Kinds))
	for i, k := range Kinds {
		parts[i] = fmt.Sprint(k.Budget[p])
	}
	return strings.Join(parts, " / ")
}

func trim(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func mb(kib int64) string {
	if kib <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MB", float64(kib)/1024)
}

// Markdown renders bench/results.md.
func Markdown(r *Results) string {
	var b strings.Builder
	o := r.Opts
	b.WriteString("# Benchmark results\n\n")
	fmt.Fprintf(&b, "Written by `make bench` (`go run ./cmd/conduit-bench`) on %s in %s: %s, %s, %d CPUs, "+
		"load average %s at the start and %s at the end (other work on the machine shows in the wall times). "+
		"Terraform `-parallelism=%d`, state in the `%s` backend; zero-latency cycles run %d time(s), median shown. "+
		"How to read this: README.md, \"Benchmarks\".\n\n",
		r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Elapsed.Round(time.Second), r.Terraform, r.Go, r.CPUs,
		r.LoadStart, r.LoadEnd, o.Parallelism, o.Backend, o.Runs)

	b.WriteString("## Acceptance\n\n")
	for _, c := range r.Checks() {
		mark := "PASS"
		if !c.Pass {
			mark = "**FAIL**"
		}
		fmt.Fprintf(&b, "- %s — %s: %s\n", mark, c.Name, c.Detail)
	}
	for _, m := range r.Measures {
		if m.Err != "" {
			fmt.Fprintf(&b, "- **ERROR** — %s, %s, N=%d, %s: `%s`\n", m.Scenario, m.Subject, m.N, m.Phase, firstLine(m.Err))
		}
	}

	b.WriteString("\n## Zero latency: wall time against the floors\n\n")
	b.WriteString("(a) `terraform_data`; (b) `noop_thing` of a no-op framework provider; (b′) `twin`, a no-op provider with " +
		"conduit's four schemas; API loop: the requests alone, from Go with the same clients and 10 workers.\n\n")
	b.WriteString("| N | phase | conduit | (a) terraform_data | conduit ÷ (a) | (b) no-op | conduit ÷ (b) | (b) ÷ (a) | (b′) twin | conduit ÷ (b′) | API loop | first request after | conduit CPU: provider / terraform |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, n := range o.Ns {
		for _, p := range Phases {
			c := r.Find(ScenarioBase, SubjectConduit, n, p)
			a := r.Find(ScenarioBase, SubjectTerraformData, n, p)
			f := r.Find(ScenarioBase, SubjectNoop, n, p)
			t := r.Find(ScenarioBase, SubjectTwin, n, p)
			l := r.Find(ScenarioBase, SubjectAPI, n, p)
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", n, p, secs(c), secs(a), times(c, a),
				secs(f), times(c, f), times(f, a), secs(t), times(c, t), secs(l), before(c), cpu(c))
		}
	}

	b.WriteString("\n## Requests per object, connections and memory\n\n")
	b.WriteString("Per type, in the order org_connection / versori_connection / vectorize_source_connector / tiledb_credential, 429s excluded. " +
		"Budget is PRODUCT.md's; (c) is the API floor, what the Go loop over the same client packages sent.\n\n")
	b.WriteString("| scenario | N | phase | conduit requests/object | budget | API loop (c) | conduit ÷ (c) | TCP connections opened | provider peak RSS |\n")
	b.WriteString("|---|---:|---|---|---|---|---:|---:|---:|\n")
	type key struct {
		s Scenario
		n int
	}
	var keys []key
	for _, n := range o.Ns {
		keys = append(keys, key{ScenarioBase, n})
	}
	if o.LatencyN > 0 {
		keys = append(keys, key{ScenarioLatency, o.LatencyN})
	}
	if o.RateN > 0 {
		keys = append(keys, key{ScenarioRate, o.RateN})
	}
	for _, k := range keys {
		for _, p := range Phases {
			c := r.Find(k.s, SubjectConduit, k.n, p)
			l := r.Find(k.s, SubjectAPI, k.n, p)
			q := "–"
			if c != nil && l != nil && l.Total() > 0 {
				q = fmt.Sprintf("%.2fx", float64(c.Total())/float64(l.Total()))
			}
			conns, rss := "–", "–"
			if c != nil {
				conns, rss = fmt.Sprint(c.Conns), mb(c.RSSKiB)
			}
			fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", k.s, k.n, p, perObject(c, k.n), budgetPerObject(p), perObject(l, k.n), q, conns, rss)
		}
	}
	if peak := r.peakRSS(SubjectNoop); peak > 0 {
		fmt.Fprintf(&b, "\nFor comparison, the no-op provider's peak RSS: %s; twin's: %s.\n", mb(peak), mb(r.peakRSS(SubjectTwin)))
	}

	if o.LatencyN > 0 {
		fmt.Fprintf(&b, "\n## Latency %s: wall time against requests × %s / %d\n\n", o.Latency, o.Latency, o.Parallelism)
		b.WriteString("The request window is the time from the first request to the last; before it Terraform plans (no requests).\n\n")
		b.WriteString("| N | phase | requests | latency floor | conduit | conduit ÷ floor | request window | window ÷ floor | API loop | API loop ÷ floor |\n")
		b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, p := range Phases {
			_, total := Budget(o.LatencyN, p)
			fl := r.LatencyFloor(o.LatencyN, p)
			c := r.Find(ScenarioLatency, SubjectConduit, o.LatencyN, p)
			l := r.Find(ScenarioLatency, SubjectAPI, o.LatencyN, p)
			fmt.Fprintf(&b, "| %d | %s | %d | %.2f s | %s | %s | %s | %s | %s | %s |\n", o.LatencyN, p, total, fl.Seconds(), secs(c), floorRatio(c, fl),
				window(c), windowRatio(c, fl), secs(l), floorRatio(l, fl))
		}
	}

	if o.RateN > 0 {
		fmt.Fprintf(&b, "\n## Rate limit %d requests/s per vendor: wall time against the busiest vendor's requests ÷ %d/s\n\n", o.RateLimit, o.RateLimit)
		b.WriteString("The sandbox limits each vendor on its own (as the real APIs do), so the floor is the busiest vendor's. " +
			"Auth0 and Versori send rate-limit headers; Vectorize and TileDB document none and only answer 429 with Retry-After.\n\n")
		b.WriteString("| N | phase | requests (busiest vendor) | rate floor | conduit | conduit ÷ floor | request window | window ÷ floor | 429s received | API loop | API loop ÷ floor | API loop 429s |\n")
		b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, p := range Phases {
			_, total := Budget(o.RateN, p)
			fl, busiest, most := r.RateFloor(o.RateN, p)
			c := r.Find(ScenarioRate, SubjectConduit, o.RateN, p)
			l := r.Find(ScenarioRate, SubjectAPI, o.RateN, p)
			fmt.Fprintf(&b, "| %d | %s | %d (%d %s) | %.2f s | %s | %s | %s | %s | %s | %s | %s | %s |\n", o.RateN, p, total, most, busiest, fl.Seconds(),
				secs(c), floorRatio(c, fl), window(c), windowRatio(c, fl), throttled(c), secs(l), floorRatio(l, fl), throttled(l))
		}
	}
	b.WriteString("\n![wall time against N per phase](results.svg)\n")
	return b.String()
}

func (r *Results) peakRSS(subj Subject) int64 {
	var peak int64
	for _, m := range r.Measures {
		if m.Subject == subj && m.N == r.maxN() && m.Scenario == ScenarioBase {
			peak = max(peak, m.RSSKiB)
		}
	}
	return peak
}

func before(m *Measure) string {
	if m == nil || m.Before <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f s", m.Before.Seconds())
}

func cpu(m *Measure) string {
	if m == nil || len(m.Walls) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f s / %.1f s", m.CPU.Seconds(), m.TFCPU.Seconds())
}

func windowOf(m *Measure) time.Duration {
	if m == nil || len(m.Walls) == 0 || m.Before <= 0 {
		return 0
	}
	return m.Wall() - m.Before - m.After
}

func window(m *Measure) string {
	if w := windowOf(m); w > 0 {
		return fmt.Sprintf("%.2f s", w.Seconds())
	}
	return "–"
}

func windowRatio(m *Measure, floor time.Duration) string {
	if w := windowOf(m); w > 0 && floor > 0 {
		return fmt.Sprintf("%.2fx", ratio(w, floor))
	}
	return "–"
}

func floorRatio(m *Measure, floor time.Duration) string {
	if m == nil || len(m.Walls) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2fx", ratio(m.Wall(), floor))
}

func throttled(m *Measure) string {
	if m == nil || m.Throttled == nil {
		return "–"
	}
	return fmt.Sprint(m.TotalThrottled())
}

// SVG renders wall time against N for each phase: the provider and its floors.
func SVG(r *Results) string {
	const (
		panelW, panelH = 420, 280
		left, top      = 60, 70
		gapX, gapY     = 60, 70
		plotW, plotH   = panelW - 20, panelH - 60
	)
	series := []struct {
		subj  Subject
		label string
		color string
		dash  string
	}{
		{SubjectConduit, "conduit", "#d62728", ""},
		{SubjectTwin, "(b′) twin", "#9467bd", "8 3"},
		{SubjectNoop, "(b) no-op provider", "#1f77b4", "6 4"},
		{SubjectTerraformData, "(a) terraform_data", "#2ca02c", "2 3"},
		{SubjectAPI, "(c) API loop", "#7f7f7f", "10 3 2 3"},
	}
	ns := append([]int{}, r.Opts.Ns...)
	sort.Ints(ns)
	width := left + 2*panelW + gapX
	height := top + 2*panelH + gapY + 20
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">
<rect width="100%%" height="100%%" fill="white"/>
<text x="%d" y="22" font-size="16" font-weight="bold">Wall time against N, zero latency: conduit and its floors</text>
`, width, height, width, height, left)
	for i, s := range series {
		x := left + i*165
		fmt.Fprintf(&b, `<line x1="%d" y1="42" x2="%d" y2="42" stroke="%s" stroke-width="2.5" stroke-dasharray="%s"/><text x="%d" y="46">%s</text>
`, x, x+30, s.color, s.dash, x+36, esc(s.label))
	}
	logX := len(ns) > 1 && float64(ns[len(ns)-1])/float64(ns[0]) >= 5
	for pi, p := range Phases {
		ox := left + (pi%2)*(panelW+gapX)
		oy := top + (pi/2)*(panelH+gapY)
		ymax := 0.0
		for _, s := range series {
			for _, n := range ns {
				if m := r.Find(ScenarioBase, s.subj, n, p); m != nil && len(m.Walls) > 0 {
					ymax = math.Max(ymax, m.Wall().Seconds())
				}
			}
		}
		step := niceStep(ymax)
		ytop := math.Max(step, math.Ceil(ymax/step)*step)
		xpos := func(n int) float64 {
			if len(ns) == 1 {
				return float64(ox) + float64(plotW)/2
			}
			lo, hi := float64(ns[0]), float64(ns[len(ns)-1])
			f := (float64(n) - lo) / (hi - lo)
			if logX {
				f = (math.Log(float64(n)) - math.Log(lo)) / (math.Log(hi) - math.Log(lo))
			}
			return float64(ox) + 20 + f*float64(plotW-40)
		}
		ypos := func(v float64) float64 { return float64(oy+plotH) - v/ytop*float64(plotH) }
		fmt.Fprintf(&b, `<g><text x="%d" y="%d" font-size="14" font-weight="bold">%s</text>
<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>
`, ox, oy-10, esc(string(p)), ox, oy, plotW, plotH)
		for v := 0.0; v <= ytop+step/2; v += step {
			y := ypos(v)
			fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/><text x="%d" y="%.1f" text-anchor="end">%s s</text>
`, ox, y, ox+plotW, y, ox-5, y+4, trim(v))
		}
		for _, n := range ns {
			x := xpos(n)
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">N=%d</text>
`, x, oy+plotH+16, n)
		}
		for _, s := range series {
			var pts []string
			for _, n := range ns {
				if m := r.Find(ScenarioBase, s.subj, n, p); m != nil && len(m.Walls) > 0 {
					pts = append(pts, fmt.Sprintf("%.1f,%.1f", xpos(n), ypos(m.Wall().Seconds())))
				}
			}
			if len(pts) == 0 {
				continue
			}
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-dasharray="%s"/>
`, strings.Join(pts, " "), s.color, s.dash)
			for _, pt := range pts {
				x, y, _ := strings.Cut(pt, ",")
				fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="%s"/>
`, x, y, s.color)
			}
		}
		b.WriteString("</g>\n")
	}
	scale := "linear"
	if logX {
		scale = "logarithmic"
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#555">N on a %s scale; seconds of wall time per terraform command (median). Generated by make bench.</text>
</svg>
`, left, height-8, scale)
	return b.String()
}

func niceStep(v float64) float64 {
	if v <= 0 {
		return 1
	}
	raw := v / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
