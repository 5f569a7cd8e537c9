package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

const mod = "github.com/conduit-tf/terraform-provider-conduit/"

// stream renders events as go test -json would.
func stream(t *testing.T, evs ...event) string {
	t.Helper()
	var b strings.Builder
	for _, ev := range evs {
		raw, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(raw)
		b.WriteByte('\n')
	}
	return b.String()
}

// skipped is a test that skipped with msg, as go test -json reports it.
func skipped(pkg, name, msg string) []event {
	return []event{
		{Action: "run", Package: pkg, Test: name},
		{Action: "output", Package: pkg, Test: name, Output: "=== RUN   " + name + "\n"},
		{Action: "output", Package: pkg, Test: name, Output: "    resource_test.go:56: " + msg + "\n"},
		{Action: "output", Package: pkg, Test: name, Output: "--- SKIP: " + name + " (0.00s)\n"},
		{Action: "skip", Package: pkg, Test: name},
	}
}

func passed(pkg, name string) []event {
	return []event{
		{Action: "run", Package: pkg, Test: name},
		{Action: "output", Package: pkg, Test: name, Output: "    live.go:1: live auth0: objects of this run are named …\n"},
		{Action: "pass", Package: pkg, Test: name},
	}
}

func summarize(t *testing.T, env map[string]string, evs ...[]event) (string, bool) {
	t.Helper()
	var all []event
	for _, e := range evs {
		all = append(all, e...)
	}
	r := newReport(func(k string) string { return env[k] })
	var echo, out bytes.Buffer
	if err := r.read(strings.NewReader(stream(t, all...)), &echo); err != nil {
		t.Fatal(err)
	}
	ok := r.write(&out)
	return out.String(), ok
}

func contains(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("summary lacks %q:\n%s", w, out)
		}
	}
}

var auth0Env = map[string]string{
	"AUTH0_DOMAIN": "acme.eu.auth0.com", "AUTH0_API_TOKEN": "t",
	acctest.EnvAuth0Org: "org_1", acctest.EnvAuth0Connection: "con_1",
}

func TestSummaryPerVendor(t *testing.T) {
	auth0Pkg := mod + acctest.LiveAuth0.Package
	versoriPkg := mod + acctest.LiveVersori.Package
	out, ok := summarize(t, auth0Env,
		passed(auth0Pkg, "TestAccOrgConnection_lifecycle"),
		skipped(auth0Pkg, "TestAccOrgConnection_drift", "sandbox only: out-of-band edits need the sandbox control API"),
		skipped(versoriPkg, "TestAccVersoriConnection_lifecycle", acctest.LiveVersori.SkipReason(func(string) string { return "" })),
		// A parent whose subtests all skipped passes: it must not count.
		skipped(mod+acctest.LiveTileDB.Package, "TestAccTileDBCredential_kinds/aws_role", acctest.LiveTileDB.SkipReason(func(string) string { return "" })),
		passed(mod+acctest.LiveTileDB.Package, "TestAccTileDBCredential_kinds"),
		passed(versoriPkg, "TestParseImportID"), // a unit test: not an acceptance test
		skipped(mod+"internal/acceptance", "TestAccFaultMatrix", "sandbox only: cross-resource acceptance tests need the sandbox"),
	)
	if !ok {
		t.Errorf("run reported as failed:\n%s", out)
	}
	contains(t, out,
		"auth0      RAN against the real service: 1 passed, 0 failed",
		"1 skipped: sandbox only: out-of-band edits need the sandbox control API",
		"versori    SKIPPED, not reached: set VERSORI_API_KEY, VERSORI_ORGANISATION_ID\n",
		"1 skipped: set VERSORI_API_KEY, VERSORI_ORGANISATION_ID\n",
		"vectorize  SKIPPED, not reached: set VECTORIZE_API_KEY (or VECTORIZE_TOKEN), VECTORIZE_ORGANIZATION_ID (or VECTORIZE_ORG)",
		"tiledb     SKIPPED, not reached: set TILEDB_REST_TOKEN (or TILEDB_REST_USERNAME and TILEDB_REST_PASSWORD), TILEDB_NAMESPACE",
		"others     tests of no vendor: 0 passed, 0 failed",
		"1 skipped: sandbox only: cross-resource acceptance tests need the sandbox",
		"=== live run: OK",
	)
}

// TestSummaryFailsWhatMustNotPass: a pass for a vendor without credentials,
// a failed test, a failed build and an empty run each fail the run.
func TestSummaryFailsWhatMustNotPass(t *testing.T) {
	versoriPkg := mod + acctest.LiveVersori.Package
	out, ok := summarize(t, nil, passed(versoriPkg, "TestAccVersoriConnection_invalidInput"))
	if ok {
		t.Error("a pass without credentials was accepted")
	}
	contains(t, out, "ERROR: passed without credentials (they must skip): TestAccVersoriConnection_invalidInput", "=== live run: FAILED")

	out, ok = summarize(t, auth0Env, []event{
		{Action: "run", Package: mod + acctest.LiveAuth0.Package, Test: "TestAccOrgConnection_lifecycle"},
		{Action: "fail", Package: mod + acctest.LiveAuth0.Package, Test: "TestAccOrgConnection_lifecycle"},
	})
	if ok {
		t.Error("a failed test was accepted")
	}
	contains(t, out, "failed: TestAccOrgConnection_lifecycle")

	out, ok = summarize(t, nil, []event{{Action: "fail", Package: versoriPkg}})
	if ok {
		t.Error("a failed package was accepted")
	}
	contains(t, out, "package "+versoriPkg+" failed outside its tests")

	if out, ok = summarize(t, nil); ok {
		t.Errorf("an empty run was accepted:\n%s", out)
	}
}

// TestLiveRunWithoutCredentials runs the acceptance packages as `make
// testacc-live` does, with no vendor variable set: every vendor must be
// reported as skipped with the variables it needs, nothing may pass for a
// vendor, and the run succeeds. It is the offline proof that live mode
// without credentials touches nothing.
func TestLiveRunWithoutCredentials(t *testing.T) {
	if os.Getenv("TF_ACC") == "" || testing.Short() {
		t.Skip("runs go test over the acceptance packages: needs TF_ACC=1 and no -short")
	}
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go") //nolint:staticcheck // the test runs where it was built, with its toolchain
	if _, err := os.Stat(goBin); err != nil {
		goBin = "go"
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AUTH0_") || strings.HasPrefix(k, "VERSORI_") || strings.HasPrefix(k, "VECTORIZE_") ||
			strings.HasPrefix(k, "TILEDB_") || strings.HasPrefix(k, "CONDUIT_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "CONDUIT_ACC_LIVE=1", "TF_ACC=1", "CONDUIT_ACC_RUN_ID=offline")
	pkgs := []string{"./internal/acceptance/", "./internal/provider/"}
	for _, v := range acctest.Vendors {
		pkgs = append(pkgs, "./"+v.Package+"/")
	}
	cmd := exec.Command(goBin, append([]string{"test", "-json", "-count=1", "-parallel=1", "-run=^TestAcc"}, pkgs...)...)
	cmd.Dir, cmd.Env = root, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("go test: %v\n%s\n%s", err, stderr.String(), raw)
	}
	r := newReport(func(k string) string {
		for _, kv := range env {
			if name, v, _ := strings.Cut(kv, "="); name == k {
				return v
			}
		}
		return ""
	})
	if err := r.read(bytes.NewReader(raw), &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if !r.write(&out) {
		t.Fatalf("the run without credentials failed:\n%s", out.String())
	}
	summary := out.String()
	for _, v := range acctest.Vendors {
		contains(t, summary, fmt.Sprintf("%-10s SKIPPED, not reached: set ", v.Name))
	}
	// Every vendor has tests, all skipped, none passed, and no other
	// package's test ran either.
	perVendor := map[string]int{}
	for _, g := range r.groups() {
		if len(g.passed) > 0 || len(g.failed) > 0 {
			t.Errorf("%s: passed %v, failed %v: want every test skipped", g.name, g.passed, g.failed)
		}
		for reason, tests := range g.skipped {
			perVendor[g.name] += len(tests)
			if g.name != "others" && !strings.HasPrefix(reason, "live "+g.name+" skipped: set ") && !strings.HasPrefix(reason, "sandbox only: ") {
				t.Errorf("%s: %v skipped for %q, want the missing variables or why they need the sandbox", g.name, tests, reason)
			}
		}
	}
	for _, v := range acctest.Vendors {
		if perVendor[v.Name] == 0 {
			t.Errorf("%s: no acceptance test seen", v.Name)
		}
	}
	t.Log(summary)
}
