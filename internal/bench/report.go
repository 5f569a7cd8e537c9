package bench

import (
	"fmt"
	"strings"
	"time"
)

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

func budgetPerObject(n int, p Phase) string {
	per, _ := Budget(n, p)
	parts := make([]string, len(Kinds))
	for i, c := range Spread(n) {
		if c == 0 {
			parts[i] = "–"
			continue
		}
		parts[i] = trim(float64(per[Kinds[i].Vendor]) / float64(c))
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
		"conduit's schemas (identity schemas included, the identity set as conduit sets it); API loop: the requests alone, from Go with the same clients and 10 workers.\n\n")
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
		"Budget: the product's request budgets, as each resource's documentation states them (the cycle runs with batch_reads off, " +
		"so the plan's refresh is one GET per object; the batched refresh has its own table below); " +
		"(c) is the API floor, what the Go loop over the same client packages sent.\n\n")
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
			fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", k.s, k.n, p, perObject(c, k.n), budgetPerObject(k.n, p), perObject(l, k.n), q, conns, rss)
		}
	}
	if peak := r.peakRSS(SubjectNoop); peak > 0 {
		fmt.Fprintf(&b, "\nFor comparison, the no-op provider's peak RSS: %s; twin's: %s.\n", mb(peak), mb(r.peakRSS(SubjectTwin)))
	}

	if o.LatencyN > 0 {
		fmt.Fprintf(&b, "\n## Latency %s: wall time against requests × %s / %d\n\n", o.Latency, o.Latency, o.Parallelism)
		b.WriteString("The request window is the time from the first request to the last; before it Terraform plans (no requests). " +
			"Twin (b′) sends the same requests as conduit, one after the other per operation, to an endpoint answering after the same latency, and does nothing else: " +
			"its window is what Terraform, the framework and conduit's schemas leave of the floor on this machine.\n\n")
		b.WriteString("| N | phase | requests | latency floor | conduit | conduit ÷ floor | request window | window ÷ floor | (b′) twin window | twin window ÷ floor | API loop | API loop ÷ floor |\n")
		b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, p := range Phases {
			_, total := Budget(o.LatencyN, p)
			fl := r.LatencyFloor(o.LatencyN, p)
			c := r.Find(ScenarioLatency, SubjectConduit, o.LatencyN, p)
			l := r.Find(ScenarioLatency, SubjectAPI, o.LatencyN, p)
			t := r.Find(ScenarioLatency, SubjectTwin, o.LatencyN, p)
			fmt.Fprintf(&b, "| %d | %s | %d | %.2f s | %s | %s | %s | %s | %s | %s | %s | %s |\n", o.LatencyN, p, total, fl.Seconds(), secs(c), floorRatio(c, fl),
				window(c), windowRatio(c, fl), window(t), windowRatio(t, fl), secs(l), floorRatio(l, fl))
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
	if o.RefreshN > 0 {
		refreshTable(&b, r)
	}
	b.WriteString("\n![wall time against N per phase](results.svg)\n")
	return b.String()
}

// refreshTable is the refresh scenario's table.
func refreshTable(b *strings.Builder, r *Results) {
	o := r.Opts
	per, total := RefreshBudget(o.RefreshN, o.RefreshScopes)
	fmt.Fprintf(b, "\n## Refresh at scale: a no-change plan of N=%d in %d scopes per vendor, batch_reads on and off\n\n", o.RefreshN, o.RefreshScopes)
	fmt.Fprintf(b, "%d objects of each type, object i in scope i %% %d (%d Auth0 organizations, Versori organisations, Vectorize organizations "+
		"and TileDB namespaces in all), applied at zero latency first (not measured). With batch_reads on, each scope costs its first "+
		"read's GET and one list of its objects: the budget is %d requests (%d auth0, %d versori, %d vectorize, %d tiledb). "+
		"The per-object floors are those of one GET per object: at %s, N × %s / %d = %.2f s; under %d requests/s per vendor, the busiest "+
		"vendor's %d objects ÷ %d/s = %.2f s. Requests per vendor in the order auth0 / versori / vectorize / tiledb, 429s excluded.\n\n",
		Spread(o.RefreshN)[0], o.RefreshScopes, o.RefreshScopes*len(Kinds), total, per["auth0"], per["versori"], per["vectorize"], per["tiledb"],
		o.Latency, o.Latency, o.Parallelism, r.RefreshLatencyFloor().Seconds(), o.RefreshRate, busiest(Spread(o.RefreshN)), o.RefreshRate,
		r.RefreshRateFloor().Seconds())
	b.WriteString("| setting | batch_reads | requests | per vendor | per-object floor | wall | first request after | request window | window ÷ floor | wall ÷ batch_reads off | 429s received | provider CPU | provider peak RSS |\n")
	b.WriteString("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range []Scenario{ScenarioRefreshLatency, ScenarioRefreshRate} {
		setting, fl := fmt.Sprintf("latency %s", o.Latency), r.RefreshLatencyFloor()
		if s == ScenarioRefreshRate {
			setting, fl = fmt.Sprintf("%d requests/s per vendor", o.RefreshRate), r.RefreshRateFloor()
		}
		off := r.Find(s, SubjectConduitOff, o.RefreshN, PhasePlan)
		for _, subj := range []Subject{SubjectConduitOn, SubjectConduitOff} {
			m := r.Find(s, subj, o.RefreshN, PhasePlan)
			sw := "on"
			if subj == SubjectConduitOff {
				sw = "off"
			}
			if m == nil || m.Requests == nil {
				fmt.Fprintf(b, "| %s | %s | – | – | %.2f s | – | – | – | – | – | – | – | – |\n", setting, sw, fl.Seconds())
				continue
			}
			vendors := make([]string, len(Kinds))
			for i, k := range Kinds {
				vendors[i] = fmt.Sprint(m.Requests[k.Vendor])
			}
			fmt.Fprintf(b, "| %s | %s | %d | %s | %.2f s | %s | %s | %s | %s | %s | %s | %.1f s | %s |\n", setting, sw, m.Total(), strings.Join(vendors, " / "),
				fl.Seconds(), secs(m), before(m), window(m), windowRatio(m, fl), times(m, off), throttled(m), m.CPU.Seconds(), mb(m.RSSKiB))
		}
	}
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
