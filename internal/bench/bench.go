package bench

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// Options are the knobs of one benchmark run.
type Options struct {
	Root      string // repository root, where the provider is built from
	Terraform string // terraform binary
	Out       string // directory for results.md and results.svg
	Work      string // scratch directory; empty: a temporary one, removed after
	Ns        []int  // object counts for the zero-latency runs
	// Subjects narrows the zero-latency runs (default: all four).
	Subjects    []Subject
	Runs        int // repetitions of each zero-latency cycle; the median is reported
	Parallelism int // terraform -parallelism (and the API loop's workers)
	Latency     time.Duration
	LatencyN    int // 0: skip the latency runs
	RateLimit   int // requests per second per vendor
	RateN       int // 0: skip the rate-limit runs
	// RefreshN is the refresh scenario's object count (0: skip it), spread
	// over RefreshScopes scopes per vendor; its plans run at Latency and
	// under RefreshRate requests per second per vendor.
	RefreshN      int
	RefreshScopes int
	RefreshRate   int
	// CPUProfile, when set, builds the provider from internal/bench/profprov:
	// each provider process writes a CPU profile into this directory.
	CPUProfile string
	// Backend is where Terraform keeps state: "http" (default), a state
	// server in this process, persisted as remote backends are (at the end
	// and every 20 s); or "local", the terraform.tfstate file, which
	// Terraform rewrites whole after every resource (quadratic in N).
	Backend string
	Log     io.Writer
}

// Scenario names a sandbox setting.
type Scenario string

// The three sandbox settings.
const (
	ScenarioBase    Scenario = "zero latency"
	ScenarioLatency Scenario = "latency"
	ScenarioRate    Scenario = "rate limit"
)

// SubjectAPI is the API-floor loop in the results.
const SubjectAPI Subject = "api loop"

// Measure is one phase of one subject at one N in one scenario.
type Measure struct {
	Scenario  Scenario
	Subject   Subject
	N         int
	Phase     Phase
	Walls     []time.Duration
	Requests  map[string]int // per vendor, 429s excluded
	Throttled map[string]int // 429s per vendor
	RSSKiB    int64          // the provider's peak RSS over its processes in this phase
	CPU       time.Duration  // the provider's CPU time (user+system) over its processes (median run)
	TFCPU     time.Duration  // terraform's own CPU time, providers excluded (median run)
	SBCPU     time.Duration  // the sandbox's CPU time (this process; median run)
	cpus      []time.Duration
	tfcpus    []time.Duration
	sbcpus    []time.Duration
	Conns     int64 // TCP connections opened to the sandbox
	// Before and After are the times from the command's start to the first
	// request and from the last request to the command's end (median run).
	Before, After   time.Duration
	befores, afters []time.Duration
	Err             string
}

// Wall is the median of the runs.
func (m *Measure) Wall() time.Duration { return median(m.Walls) }

// Total is the requests of all vendors, 429s excluded.
func (m *Measure) Total() int {
	t := 0
	for _, v := range m.Requests {
		t += v
	}
	return t
}

// TotalThrottled is the 429s of all vendors.
func (m *Measure) TotalThrottled() int {
	t := 0
	for _, v := range m.Throttled {
		t += v
	}
	return t
}

// Results is everything one run measured.
type Results struct {
	Opts      Options
	Started   time.Time
	Elapsed   time.Duration
	Terraform string
	Go        string
	CPUs      int
	LoadStart string
	LoadEnd   string
	Measures  []*Measure
}

// Find returns the measure, or nil.
func (r *Results) Find(s Scenario, subj Subject, n int, p Phase) *Measure {
	for _, m := range r.Measures {
		if m.Scenario == s && m.Subject == subj && m.N == n && m.Phase == p {
			return m
		}
	}
	return nil
}

type runner struct {
	opts Options
	work string
	rc   string // TF_CLI_CONFIG_FILE
	sb   *sandbox.Server
	// settings point the provider at the sandbox, by block and attribute;
	// env is the same as the provider's environment variables.
	settings map[string]map[string]string
	env      map[string]string
	state    string // the state server's URL, with the http backend
	conns    atomic.Int64
	// firstReq and lastReq are when the sandbox saw the phase's first and last request (UnixNano).
	firstReq, lastReq atomic.Int64
	// waitLatency is the latency of twin's waits (twinprovider.WaitURLEnv)
	// while a latency scenario runs; 0: twin sends none.
	waitLatency atomic.Int64
	waitURL     string
	maxOrgs     int
	namespaces  bool // the refresh scenario's TileDB namespaces exist
	res         *Results
}

// Run builds everything, runs every scenario and returns the results. An
// error means the benchmark could not run at all; a failed phase is recorded
// in its Measure and the run goes on.
//
// The cycle (apply, plan, update, destroy) runs conduit with batch_reads
// off: each phase then sends one budgeted operation per object, which is
// what its floors are floors of (requests × latency / parallelism, the rate
// floor, the API loop). With batch_reads on, the plan's refresh of the
// cycle's layout is a few dozen requests spread over Terraform's CPU-bound
// walk of N resources, so its request window would time Terraform's walk,
// not the requests. The batched refresh is measured by the refresh
// scenario, against its own budget and the per-object floors.
func Run(ctx context.Context, opts Options) (*Results, error) {
	if opts.Runs < 1 {
		opts.Runs = 1
	}
	if opts.Parallelism < 1 {
		opts.Parallelism = 10
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.RefreshScopes < 1 {
		opts.RefreshScopes = 4
	}
	r := &runner{opts: opts, res: &Results{Opts: opts, Started: time.Now(), Go: runtime.Version(), CPUs: runtime.NumCPU(), LoadStart: loadavg()}}
	for _, n := range append(append([]int{}, opts.Ns...), opts.LatencyN, opts.RateN) {
		r.maxOrgs = max(r.maxOrgs, Spread(n)[0])
	}
	work := opts.Work
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "conduit-bench-"); err != nil {
			return nil, err
		}
		defer func() { _ = os.RemoveAll(work) }()
	}
	r.work = work
	out, err := exec.CommandContext(ctx, opts.Terraform, "version").Output() //nolint:gosec // the terraform the user chose
	if err != nil {
		return nil, fmt.Errorf("terraform version: %w", err)
	}
	r.res.Terraform = strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)[0]
	if err := r.build(ctx); err != nil {
		return nil, err
	}
	stop, err := r.startSandbox()
	if err != nil {
		return nil, err
	}
	defer stop()
	switch opts.Backend {
	case "", "http":
		r.opts.Backend, r.res.Opts.Backend = "http", "http"
		stopState, err := r.startStateServer()
		if err != nil {
			return nil, err
		}
		defer stopState()
	case "local":
	default:
		return nil, fmt.Errorf("backend %q: want http or local", opts.Backend)
	}

	// A first cycle of each subject loads the binaries and warms the caches;
	// it is not reported.
	r.warmUp(ctx)
	subjects := opts.Subjects
	if len(subjects) == 0 {
		subjects = []Subject{SubjectTerraformData, SubjectNoop, SubjectTwin, SubjectConduit}
	}
	for _, n := range opts.Ns {
		r.scenario(ctx, ScenarioBase, n, opts.Runs, sandbox.Settings{}, subjects...)
	}
	if opts.LatencyN > 0 {
		// Twin waits as conduit sends: the same requests, one after the
		// other per operation, at the same latency.
		r.waitLatency.Store(int64(opts.Latency))
		r.scenario(ctx, ScenarioLatency, opts.LatencyN, 1, sandbox.Settings{Latency: opts.Latency}, SubjectTwin, SubjectConduit)
		r.waitLatency.Store(0)
	}
	if opts.RateN > 0 {
		r.scenario(ctx, ScenarioRate, opts.RateN, 1, sandbox.Settings{RateLimit: opts.RateLimit, RetryAfterOn429: true}, SubjectConduit)
	}
	if opts.RefreshN > 0 {
		r.refresh(ctx)
	}
	r.res.LoadEnd = loadavg()
	r.res.Elapsed = time.Since(r.res.Started)
	return r.res, nil
}

func (r *runner) logf(format string, args ...any) {
	_, _ = fmt.Fprintf(r.opts.Log, format+"\n", args...)
}

// build compiles the provider, twin and the no-op provider, each behind
// rsswrap in its own dev_overrides directory, and writes the CLI configuration.
func (r *runner) build(ctx context.Context) error {
	bin := filepath.Join(r.work, "providers")
	wrap := filepath.Join(r.work, "rsswrap")
	provider := "."
	if r.opts.CPUProfile != "" {
		provider = "./internal/bench/profprov"
	}
	builds := []struct{ out, pkg, ldflags string }{
		{filepath.Join(bin, "conduit", "real", "terraform-provider-conduit"), provider, "-s -w -X main.version=bench"},
		{filepath.Join(bin, "twin", "real", "terraform-provider-twin"), "./internal/bench/twin", "-s -w"},
		{filepath.Join(bin, "noop", "real", "terraform-provider-noop"), "./internal/bench/noop", "-s -w"},
		{wrap, "./internal/bench/rsswrap", "-s -w"},
	}
	for _, b := range builds {
		r.logf("building %s", b.pkg)
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", b.ldflags, "-o", b.out, b.pkg) //nolint:gosec // fixed packages of this repository
		cmd.Dir = r.opts.Root
		cmd.Stdout, cmd.Stderr = r.opts.Log, r.opts.Log
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", b.pkg, err)
		}
	}
	for _, p := range []string{"conduit", "twin", "noop"} {
		if err := copyFile(wrap, filepath.Join(bin, p, "terraform-provider-"+p)); err != nil {
			return err
		}
	}
	r.rc = filepath.Join(r.work, "terraformrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/conduit-tf/conduit" = %q
    "registry.terraform.io/conduit-tf/twin"    = %q
    "registry.terraform.io/conduit-tf/noop"    = %q
  }
  direct {}
}
`, filepath.Join(bin, "conduit"), filepath.Join(bin, "twin"), filepath.Join(bin, "noop"))
	return os.WriteFile(r.rc, []byte(rc), 0o600)
}

// startStateServer serves Terraform's http backend from memory, on its own
// port so its requests are not counted as the sandbox's.
func (r *runner) startStateServer() (func(), error) {
	var mu sync.Mutex
	states := map[string][]byte{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch req.Method {
		case http.MethodGet:
			body, ok := states[req.URL.Path]
			if !ok {
				w.WriteHeader(http.StatusNotFound)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body)
		case http.MethodPost:
			body, err := io.ReadAll(req.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			states[req.URL.Path] = body
		case http.MethodDelete:
			delete(states, req.URL.Path)
		default:
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})}
	go func() { _ = srv.Serve(ln) }()
	r.state = "http://" + ln.Addr().String()
	return func() { _ = srv.Close() }, nil
}

// startSandbox serves the sandbox on loopback, counting TCP connections.
func (r *runner) startSandbox() (func(), error) {
	creds := sandbox.DefaultCredentials()
	r.sb = sandbox.NewWithCredentials(creds)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			now := time.Now().UnixNano()
			r.firstReq.CompareAndSwap(0, now)
			r.lastReq.Store(now)
			if req.URL.Path == twinWaitPath {
				// Timed as the sandbox's latency is: before the answer.
				time.Sleep(time.Duration(r.waitLatency.Load()))
				w.WriteHeader(http.StatusNoContent)
				return
			}
			r.sb.ServeHTTP(w, req)
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				r.conns.Add(1)
			}
		},
	}
	go func() { _ = srv.Serve(ln) }()
	r.settings = creds.Blocks("http://" + ln.Addr().String())
	r.waitURL = "http://" + ln.Addr().String() + twinWaitPath
	r.env = provider.Env(r.settings)
	r.logf("sandbox on %s", ln.Addr())
	return func() { _ = srv.Close() }, nil
}

// resetData drops every object and restores the fixtures, plus one Auth0
// organization per org connection.
func (r *runner) resetData() {
	for _, v := range r.sb.Vendors() {
		r.sb.Emulator(v).Reset()
	}
	for i := range r.maxOrgs {
		r.sb.Auth0().AddOrganization(OrgID(i))
	}
}

func (r *runner) reset() {
	r.sb.ResetCounts()
	r.conns.Store(0)
	r.firstReq.Store(0)
	r.lastReq.Store(0)
}

func (r *runner) measure(s Scenario, subj Subject, n int, p Phase) *Measure {
	if m := r.res.Find(s, subj, n, p); m != nil {
		return m
	}
	m := &Measure{Scenario: s, Subject: subj, N: n, Phase: p}
	r.res.Measures = append(r.res.Measures, m)
	return m
}

// scenario runs the API loop and then each subject's cycle, runs times.
func (r *runner) scenario(ctx context.Context, s Scenario, n, runs int, set sandbox.Settings, subjects ...Subject) {
	r.logf("== %s, N=%d (%+v)", s, n, set)
	r.sb.Configure(set)
	defer r.sb.Configure(sandbox.Settings{})
	for run := range runs {
		r.apiCycle(ctx, s, n, set)
		r.cycle(ctx, s, n, run, set, subjects...)
	}
}

func (r *runner) warmUp(ctx context.Context) {
	r.logf("== warm-up (not reported)")
	r.cycle(ctx, "warm-up", 4, 0, sandbox.Settings{}, SubjectTerraformData, SubjectNoop, SubjectTwin, SubjectConduit)
	var kept []*Measure
	for _, m := range r.res.Measures {
		if m.Scenario != "warm-up" {
			kept = append(kept, m)
		} else if m.Err != "" {
			r.logf("warm-up %s %s failed: %s", m.Subject, m.Phase, firstLine(m.Err))
		}
	}
	r.res.Measures = kept
}

// freshWindow waits for a new rate-limit window, so each phase starts with
// the whole budget of one second as a fresh command would.
func freshWindow(set sandbox.Settings) {
	if set.RateLimit > 0 {
		time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + 50*time.Millisecond)))
	}
}

func (r *runner) apiCycle(ctx context.Context, s Scenario, n int, set sandbox.Settings) {
	r.resetData()
	loop, err := newAPILoop(r.settings, r.opts.Parallelism)
	for _, p := range Phases {
		m := r.measure(s, SubjectAPI, n, p)
		if err != nil {
			m.Err = err.Error()
			return
		}
		freshWindow(set)
		r.reset()
		start := time.Now()
		err = loop.run(ctx, n, p)
		m.Walls = append(m.Walls, time.Since(start))
		r.collect(m)
		r.logf("%-14s %-14s N=%-5d %-8s %8.2fs  %5d requests", s, SubjectAPI, n, p, m.Walls[len(m.Walls)-1].Seconds(), m.Total())
		if err != nil {
			m.Err = err.Error()
			return
		}
	}
}

func (r *runner) collect(m *Measure) {
	counts, throttled := r.sb.Counts(), r.sb.Throttled()
	m.Requests, m.Throttled = map[string]int{}, map[string]int{}
	for route, c := range counts {
		m.Requests[r.sb.VendorOf(route)] += c
	}
	for v, c := range throttled {
		m.Throttled[v] += c
		m.Requests[v] -= c
	}
	m.Conns = max(m.Conns, r.conns.Load())
}

// cycle is apply, plan, update, destroy of each subject, each in a fresh
// directory. The subjects go through the phases in step (apply of each, then
// plan of each, ...), so a change in the machine's load hits them alike.
func (r *runner) cycle(ctx context.Context, s Scenario, n, run int, set sandbox.Settings, subjects ...Subject) {
	dirs := map[Subject]string{}
	var alive []Subject
	for _, subj := range subjects {
		dir := filepath.Join(r.work, "tf", strings.ReplaceAll(fmt.Sprintf("%s-%s-%d", s, subj, n), " ", "-"))
		_ = os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o750); err != nil {
			r.measure(s, subj, n, PhaseApply).Err = err.Error()
			continue
		}
		if err := r.initBackend(ctx, dir, subj); err != nil {
			r.measure(s, subj, n, PhaseApply).Err = err.Error()
			r.logf("  error: %v", err)
			continue
		}
		dirs[subj] = dir
		alive = append(alive, subj)
	}
	r.resetData()
	for _, p := range Phases {
		var next []Subject
		version := 1
		if p == PhaseUpdate || p == PhaseDestroy {
			version = 2
		}
		for _, subj := range alive {
			if err := r.phase(ctx, s, subj, n, run, p, dirs[subj], set, Config(subj, n, version)); err != nil {
				r.measure(s, subj, n, p).Err = err.Error()
				r.logf("  error: %v", err)
				continue
			}
			next = append(next, subj)
		}
		alive = next
	}
}

// initBackend points the directory at the state server and runs terraform
// init (not measured); with the local backend there is nothing to do.
func (r *runner) initBackend(ctx context.Context, dir string, subj Subject) error {
	if r.state == "" {
		return nil
	}
	tf := fmt.Sprintf("terraform {\n  backend \"http\" {\n    address = %q\n  }\n}\n", r.state+"/"+filepath.Base(dir))
	if err := os.WriteFile(filepath.Join(dir, "backend.tf"), []byte(tf), 0o600); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, r.opts.Terraform, "init", "-input=false", "-no-color") //nolint:gosec // the terraform the user chose
	cmd.Dir = dir
	cmd.Env = r.tfEnv(subj)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("terraform init in %s: %w\n%s", dir, err, out)
	}
	return nil
}

// phase measures one phase of a subject in dir. config is the
// configuration to write first; "" keeps the one there.
func (r *runner) phase(ctx context.Context, s Scenario, subj Subject, n, run int, p Phase, dir string, set sandbox.Settings, config string) error {
	m := r.measure(s, subj, n, p)
	if config != "" {
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
			return err
		}
	}
	rssLog := ""
	if subj != SubjectTerraformData {
		rssLog = filepath.Join(r.work, "providers", providerOf(subj), "rss.log")
		_ = os.Remove(rssLog)
	}
	freshWindow(set)
	r.reset()
	self := selfCPU()
	started := time.Now()
	wall, total, err := r.terraform(ctx, dir, subj, p, run)
	if first, last := r.firstReq.Load(), r.lastReq.Load(); first != 0 {
		m.befores = append(m.befores, time.Unix(0, first).Sub(started))
		m.afters = append(m.afters, started.Add(wall).Sub(time.Unix(0, last)))
		m.Before, m.After = median(m.befores), median(m.afters)
	}
	m.sbcpus = append(m.sbcpus, selfCPU()-self)
	m.SBCPU = median(m.sbcpus)
	m.Walls = append(m.Walls, wall)
	r.collect(m)
	var cpu time.Duration
	if rssLog != "" {
		var peak int64
		peak, cpu = providerUsage(rssLog)
		m.RSSKiB = max(m.RSSKiB, peak)
		m.cpus = append(m.cpus, cpu)
		m.CPU = median(m.cpus)
	}
	m.tfcpus = append(m.tfcpus, total-cpu)
	m.TFCPU = median(m.tfcpus)
	if err == nil && isConduit(subj) {
		err = r.checkObjects(n, p)
	}
	r.logf("%-14s %-14s N=%-5d %-8s %7.2fs  %5d req  %4d 429s  rss %5.1f MB  cpu provider %5.2fs terraform %5.2fs sandbox %5.2fs  %3d conns  requests from %.2fs to -%.2fs", s, subj, n, p,
		wall.Seconds(), m.Total(), m.TotalThrottled(), float64(m.RSSKiB)/1024, m.CPU.Seconds(), m.TFCPU.Seconds(), m.SBCPU.Seconds(), m.Conns,
		m.Before.Seconds(), m.After.Seconds())
	if m.TotalThrottled() > 0 {
		r.logf("  429s per vendor: %v", m.Throttled)
	}
	return err
}

// checkObjects checks the sandbox holds what the phase should have left.
func (r *runner) checkObjects(n int, p Phase) error {
	for i, c := range Spread(n) {
		want := c
		if p == PhaseDestroy {
			want = 0
		}
		if got := len(r.sb.Objects(Kinds[i].Vendor)); got != want {
			return fmt.Errorf("after %s the %s sandbox holds %d objects, want %d", p, Kinds[i].Vendor, got, want)
		}
	}
	return nil
}
