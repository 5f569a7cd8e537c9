// Command conduit-bench is `make bench`: it builds the provider, starts the
// sandbox, applies, plans, updates and destroys N objects spread over the four
// resource types, measures the same cycle for three floors, refreshes N
// objects in several scopes per vendor with batch_reads on and off, and
// writes bench/results.md and bench/results.svg. See README.md, "Benchmarks".
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/bench"
)

func main() {
	ns := flag.String("n", "100,1000", "comma-separated object counts for the zero-latency runs")
	quick := flag.Bool("quick", false, "a quick run: N=40 everywhere, one repetition")
	runs := flag.Int("runs", 1, "repetitions of each zero-latency cycle (the median is reported)")
	par := flag.Int("parallelism", 10, "terraform -parallelism, and the API loop's workers")
	latency := flag.Duration("latency", 50*time.Millisecond, "sandbox latency of the latency runs")
	latencyN := flag.Int("latency-n", -1, "objects in the latency runs (0: skip; default: the largest -n)")
	rate := flag.Int("rate-limit", 20, "sandbox requests per second per vendor in the rate-limit runs")
	rateN := flag.Int("rate-n", 200, "objects in the rate-limit runs (0: skip)")
	refreshN := flag.Int("refresh-n", 1000, "objects in the refresh scenario (0: skip)")
	refreshScopes := flag.Int("refresh-scopes", 4, "scopes per vendor in the refresh scenario")
	refreshRate := flag.Int("refresh-rate", 10, "sandbox requests per second per vendor in the refresh scenario's rate-limited plans")
	out := flag.String("out", "bench", "directory for results.md and results.svg")
	work := flag.String("work", "", "scratch directory to keep (default: a temporary one, removed)")
	backend := flag.String("backend", "http", "Terraform state: http (a state server in the benchmark, persisted like remote backends) or local (terraform.tfstate, rewritten after every resource)")
	subjects := flag.String("subjects", "terraform_data,noop,twin,conduit", "what the zero-latency runs measure")
	cpuprofile := flag.String("cpuprofile", "", "build the provider with a CPU profile per process, written into this directory")
	tf := flag.String("terraform", "", "terraform binary (default: TF_ACC_TERRAFORM_PATH, else terraform on PATH)")
	flag.Parse()

	list, err := parseNs(*ns)
	if err != nil {
		fail(err)
	}
	if *quick {
		list, *runs = []int{40}, 1
		if *latencyN != 0 {
			*latencyN = 40
		}
		if *rateN != 0 {
			*rateN = 40
		}
		if *refreshN != 0 {
			*refreshN = 40
		}
	}
	if *latencyN < 0 {
		*latencyN = 0
		for _, n := range list {
			*latencyN = max(*latencyN, n)
		}
	}
	bin := *tf
	if bin == "" {
		bin = os.Getenv("TF_ACC_TERRAFORM_PATH")
	}
	if bin == "" {
		if bin, err = exec.LookPath("terraform"); err != nil {
			fail(fmt.Errorf("no terraform on PATH: %w", err))
		}
	}
	root, err := os.Getwd()
	if err != nil {
		fail(err)
	}
	if *work != "" {
		if *work, err = filepath.Abs(*work); err != nil {
			fail(err)
		}
	}
	if *cpuprofile != "" {
		if *cpuprofile, err = filepath.Abs(*cpuprofile); err == nil {
			err = os.MkdirAll(*cpuprofile, 0o750)
		}
		if err != nil {
			fail(err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := bench.Run(ctx, bench.Options{
		Root: root, Terraform: bin, Out: *out, Work: *work, Ns: list, Runs: *runs, Parallelism: *par,
		Latency: *latency, LatencyN: *latencyN, RateLimit: *rate, RateN: *rateN,
		RefreshN: *refreshN, RefreshScopes: *refreshScopes, RefreshRate: *refreshRate, CPUProfile: *cpuprofile, Subjects: parseSubjects(*subjects), Backend: *backend, Log: os.Stderr,
	})
	if err != nil {
		fail(err)
	}
	if err := os.MkdirAll(*out, 0o750); err != nil {
		fail(err)
	}
	md := bench.Markdown(res)
	if err := os.WriteFile(filepath.Join(*out, "results.md"), []byte(md), 0o600); err != nil {
		fail(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "results.svg"), []byte(bench.SVG(res)), 0o600); err != nil {
		fail(err)
	}
	fmt.Print(bench.Summary(res))
	fmt.Printf("\nwrote %s and %s\n", filepath.Join(*out, "results.md"), filepath.Join(*out, "results.svg"))
	if res.Failed() {
		os.Exit(1)
	}
}

func parseNs(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n: %q is not a positive whole number", f)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("-n: no object count")
	}
	return out, nil
}

func parseSubjects(s string) []bench.Subject {
	var out []bench.Subject
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, bench.Subject(f))
		}
	}
	return out
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "conduit-bench:", err)
	os.Exit(2)
}
