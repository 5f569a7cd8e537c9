// Command livereport reads `go test -json` of a live acceptance run
// (`make testacc-live`), prints the test output as `go test -v` would, then a
// summary per vendor: which ran against the real service, which were skipped
// and why. It exits non-zero when a test or package failed, when no test ran
// at all, or when a vendor without credentials has an acceptance test that
// passed, since nothing may count as passed for a vendor that was not reached.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

func main() {
	r := newReport(os.Getenv)
	if err := r.read(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "livereport:", err)
		os.Exit(2)
	}
	if !r.write(os.Stdout) {
		os.Exit(1)
	}
}

// event is one line of `go test -json`.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

type test struct {
	pkg, name string
	action    string // pass, fail, skip
	reason    string // the skip message
	lastLog   string
}

type report struct {
	getenv  func(string) string
	tests   map[string]*test // by package and name
	order   []string
	failed  []string // packages that failed outside any test (build errors, TestMain)
	nonJSON []string
}

func newReport(getenv func(string) string) *report {
	return &report{getenv: getenv, tests: map[string]*test{}}
}

// logLine is a t.Log or t.Skip line as go test prints it: "    file.go:12: message".
var logLine = regexp.MustCompile(`^\s+[^\s:]+\.go:\d+: (.*)$`)

// read consumes the stream, echoing the tests' output.
func (r *report) read(in io.Reader, echo io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		var ev event
		if err := json.Unmarshal(line, &ev); err != nil || ev.Action == "" {
			// go test writes some failures (e.g. of the build) as plain text.
			fmt.Fprintln(echo, string(line))
			r.nonJSON = append(r.nonJSON, string(line))
			continue
		}
		if ev.Action == "output" || ev.Action == "build-output" {
			fmt.Fprint(echo, ev.Output)
		}
		if ev.Test == "" {
			if ev.Action == "fail" || ev.Action == "build-fail" {
				r.failed = append(r.failed, ev.Package)
			}
			continue
		}
		key := ev.Package + " " + ev.Test
		tt := r.tests[key]
		if tt == nil {
			tt = &test{pkg: ev.Package, name: ev.Test}
			r.tests[key] = tt
			r.order = append(r.order, key)
		}
		switch ev.Action {
		case "output":
			if m := logLine.FindStringSubmatch(strings.TrimRight(ev.Output, "\n")); m != nil {
				tt.lastLog = m[1]
			}
		case "pass", "fail":
			tt.action = ev.Action
		case "skip":
			tt.action, tt.reason = "skip", tt.lastLog
		}
	}
	return sc.Err()
}

// leaves are the acceptance tests that have no subtests: a parent passes
// when all its subtests skip, so only leaves count.
func (r *report) leaves() []*test {
	parent := map[string]bool{}
	for _, k := range r.order {
		tt := r.tests[k]
		if i := strings.LastIndex(tt.name, "/"); i > 0 {
			parent[tt.pkg+" "+tt.name[:i]] = true
		}
	}
	var out []*test
	for _, k := range r.order {
		tt := r.tests[k]
		if !parent[k] && strings.HasPrefix(tt.name, "TestAcc") {
			out = append(out, tt)
		}
	}
	return out
}

// group is what the summary says about one vendor, or about the packages
// that belong to none.
type group struct {
	name    string
	reason  string // why the vendor was not reached, "" when it was
	passed  []string
	failed  []string
	skipped map[string][]string // reason to tests
}

func vendorOf(pkg string) *acctest.Vendor {
	for _, v := range acctest.Vendors {
		if pkg == v.Package || strings.HasSuffix(pkg, "/"+v.Package) {
			return v
		}
	}
	return nil
}

func (r *report) groups() []*group {
	byName := map[string]*group{}
	var out []*group
	for _, v := range acctest.Vendors {
		g := &group{name: v.Name, reason: v.SkipReason(r.getenv), skipped: map[string][]string{}}
		byName[v.Name] = g
		out = append(out, g)
	}
	other := &group{name: "others", skipped: map[string][]string{}}
	for _, tt := range r.leaves() {
		g := other
		if v := vendorOf(tt.pkg); v != nil {
			g = byName[v.Name]
		}
		switch tt.action {
		case "pass":
			g.passed = append(g.passed, tt.name)
		case "skip":
			reason := tt.reason
			if reason == "" {
				reason = "(no reason given)"
			}
			g.skipped[reason] = append(g.skipped[reason], tt.name)
		default: // fail, or no result: the run stopped inside it
			g.failed = append(g.failed, tt.name)
		}
	}
	return append(out, other)
}

// short drops what the summary says once: the vendor and the guide.
func short(vendor, reason string) string {
	reason = strings.TrimPrefix(reason, "live "+vendor+" skipped: ")
	return strings.TrimSuffix(reason, " ("+acctest.GuidePath+")")
}

// write prints the summary and reports whether the run is a success.
func (r *report) write(w io.Writer) bool {
	ok := true
	fmt.Fprintf(w, "\n=== live run summary: objects named %s<run id>-…; CONDUIT_ACC_RUN_ID=%s\n", acctest.NameStem, r.getenv(acctest.EnvRunID))
	total := 0
	for _, g := range r.groups() {
		n := len(g.passed) + len(g.failed)
		for _, tests := range g.skipped {
			n += len(tests)
		}
		total += n
		if g.name == "others" && n == 0 {
			continue
		}
		switch {
		case g.name == "others":
			fmt.Fprintf(w, "%-10s tests of no vendor: %d passed, %d failed\n", g.name, len(g.passed), len(g.failed))
		case g.reason != "":
			fmt.Fprintf(w, "%-10s SKIPPED, not reached: %s\n", g.name, short(g.name, g.reason))
		default:
			fmt.Fprintf(w, "%-10s RAN against the real service: %d passed, %d failed\n", g.name, len(g.passed), len(g.failed))
		}
		if g.reason != "" && len(g.passed) > 0 {
			ok = false
			fmt.Fprintf(w, "           ERROR: passed without credentials (they must skip): %s\n", strings.Join(g.passed, ", "))
		}
		if len(g.failed) > 0 {
			ok = false
			fmt.Fprintf(w, "           failed: %s\n", strings.Join(g.failed, ", "))
		}
		reasons := make([]string, 0, len(g.skipped))
		for reason := range g.skipped {
			reasons = append(reasons, reason)
		}
		sort.Strings(reasons)
		for _, reason := range reasons {
			fmt.Fprintf(w, "           %d skipped: %s\n", len(g.skipped[reason]), short(g.name, reason))
		}
	}
	for _, p := range r.failed {
		ok = false
		fmt.Fprintf(w, "package %s failed outside its tests (see above)\n", p)
	}
	if total == 0 {
		ok = false
		fmt.Fprintln(w, "no acceptance test ran: check the packages and -run pattern")
	}
	fmt.Fprintf(w, "what each vendor needs: %s\n", acctest.GuidePath)
	if ok {
		fmt.Fprintln(w, "=== live run: OK")
	} else {
		fmt.Fprintln(w, "=== live run: FAILED")
	}
	return ok
}
