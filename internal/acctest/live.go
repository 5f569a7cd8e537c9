package acctest

import (
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// Live runs (CONDUIT_ACC_LIVE=1) reach the vendors' real APIs with the
// variables below. Every acceptance test says which kind it is: PreCheckVendor
// for a test that is correct against the real service, RequireSandbox for one
// that needs the sandbox. A test that says neither (PreCheck) stays on the
// sandbox, so a test nobody reviewed for live runs never touches a tenant.
// docs/guides/acceptance-tests-against-real-tenants.md is the user's side.

// Variables naming the objects a live run needs beforehand.
const (
	// EnvAuth0Org is an organization of the test tenant.
	EnvAuth0Org = "CONDUIT_ACC_AUTH0_ORG"
	// EnvAuth0Connection is a database connection not enabled on EnvAuth0Org.
	EnvAuth0Connection = "CONDUIT_ACC_AUTH0_CONNECTION"
	// EnvVersoriAPIKeyCredential is an organisation credential of type string
	// that an api-key action credential can bind.
	EnvVersoriAPIKeyCredential = "CONDUIT_ACC_VERSORI_API_KEY_CREDENTIAL"
	// EnvRunID names a run's objects (NamePrefix); `make testacc-live` sets it.
	EnvRunID = "CONDUIT_ACC_RUN_ID"
)

// GuidePath is where users read what a live run needs.
const GuidePath = "docs/guides/acceptance-tests-against-real-tenants.md"

// Vendor is one service a live run can reach.
type Vendor struct {
	Name string
	// Package holds the vendor's acceptance tests, relative to the module root.
	Package string
	// Endpoints are the variables that point the provider at another host.
	Endpoints []string
	needs     []anyOf
}

// anyOf is one requirement, met when every variable of one alternative is set.
type anyOf [][]string

func (n anyOf) met(getenv func(string) string) bool {
	for _, alt := range n {
		ok := true
		for _, e := range alt {
			ok = ok && getenv(e) != ""
		}
		if ok {
			return true
		}
	}
	return false
}

func (n anyOf) String() string {
	parts := make([]string, len(n))
	for i, alt := range n {
		parts[i] = strings.Join(alt, " and ")
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return parts[0] + " (or " + strings.Join(parts[1:], ", or ") + ")"
}

// The four vendors. What a live run needs is what configures the provider
// (the vendor's service table: its required settings, one credential set,
// its scope) and the objects the vendor's tests name (extra).
var (
	LiveAuth0     = liveVendor(&auth0.Service, "internal/resources/orgconnection", EnvAuth0Org, EnvAuth0Connection)
	LiveVersori   = liveVendor(&versori.Service, "internal/resources/versoriconnection")
	LiveVectorize = liveVendor(&vectorize.Service, "internal/resources/vectorizeconnector")
	LiveTileDB    = liveVendor(&tiledb.Service, "internal/resources/tiledbcredential")
	Vendors       = []*Vendor{LiveAuth0, LiveVersori, LiveVectorize, LiveTileDB}
)

// liveVendor derives a vendor's requirements from its service table.
func liveVendor(svc *client.Service, pkg string, extra ...string) *Vendor {
	v := &Vendor{Name: svc.Block, Package: pkg}
	var creds anyOf
	for _, alt := range svc.Credentials {
		// Each setting may be set by any of its variables.
		combos := [][]string{nil}
		for _, attr := range alt {
			st, _ := svc.Setting(attr)
			var next [][]string
			for _, c := range combos {
				for _, e := range st.Env {
					next = append(next, append(append([]string{}, c...), e))
				}
			}
			combos = next
		}
		creds = append(creds, combos...)
	}
	for _, st := range svc.Settings {
		if st.Required {
			v.needs = append(v.needs, eachOf(st.Env))
		}
		if st.Kind == client.Endpoint {
			v.Endpoints = append(v.Endpoints, st.Env...)
		}
	}
	v.needs = append(v.needs, creds)
	if st, ok := svc.ScopeSetting(); ok {
		v.needs = append(v.needs, eachOf(st.Env))
	}
	for _, e := range extra {
		v.needs = append(v.needs, anyOf{{e}})
	}
	return v
}

// eachOf is met by any one of the variables.
func eachOf(env []string) anyOf {
	n := make(anyOf, len(env))
	for i, e := range env {
		n[i] = []string{e}
	}
	return n
}

// Variables lists every variable the vendor's live tests may read, extra included.
func (v *Vendor) Variables(extra ...string) []string {
	var out []string
	for _, n := range v.needs {
		for _, alt := range n {
			out = append(out, alt...)
		}
	}
	return append(append(out, v.Endpoints...), extra...)
}

// Missing describes each unmet requirement, e.g.
// "VENDOR_API_TOKEN (or VENDOR_CLIENT_ID and VENDOR_CLIENT_SECRET)".
func (v *Vendor) Missing(getenv func(string) string, extra ...string) []string {
	var out []string
	for _, n := range v.needs {
		if !n.met(getenv) {
			out = append(out, n.String())
		}
	}
	for _, e := range extra {
		if getenv(e) == "" {
			out = append(out, e)
		}
	}
	return out
}

// SkipReason is why a live run cannot reach the vendor's real service with
// these variables, or "" when it can. Reports and skips use its wording.
func (v *Vendor) SkipReason(getenv func(string) string, extra ...string) string {
	if m := v.Missing(getenv, extra...); len(m) > 0 {
		return fmt.Sprintf("live %s skipped: set %s (%s)", v.Name, strings.Join(m, ", "), GuidePath)
	}
	if !allowLocalEndpoints {
		for _, e := range v.Endpoints {
			if local(getenv(e)) {
				return fmt.Sprintf("live %s skipped: %s=%s is a local address, not the real service (left over from the sandbox's exports?)", v.Name, e, getenv(e))
			}
		}
	}
	return ""
}

// allowLocalEndpoints lets this package's tests play a real service with a
// local sandbox.
var allowLocalEndpoints = false

// local reports whether an endpoint URL points at this machine, where only
// the sandbox answers.
func local(endpoint string) bool {
	if endpoint == "" {
		return false
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Hostname() == "" {
		return false
	}
	host := u.Hostname()
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}

func requireTFAcc(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests need TF_ACC=1 (make testacc)")
	}
}

// PreCheck marks a test not reviewed for live runs: it runs on the sandbox
// and skips when CONDUIT_ACC_LIVE=1. Prefer PreCheckVendor or RequireSandbox,
// which say why.
func PreCheck(t *testing.T) {
	t.Helper()
	RequireSandbox(t, "not reviewed for live runs (acctest.PreCheckVendor marks a test that is)")
}

// RequireSandbox marks a test that needs the sandbox (its control API, fault
// injection, request counts, fixtures or known secrets): in a live run it
// skips, saying why.
func RequireSandbox(t *testing.T, why string) {
	t.Helper()
	requireTFAcc(t)
	if Live() {
		t.Skip("sandbox only: " + why)
	}
}

// PreCheckVendor marks a test that is correct against v's real service: it
// uses only objects named by documented variables (extra lists the ones
// beyond v's own), names what it creates with Name, and destroys it. In a
// live run it skips, naming the missing variables, when v is not configured;
// otherwise every object it creates is checked to be gone when it ends, and
// deleted (failing the test) if it is not.
func PreCheckVendor(t *testing.T, v *Vendor, extra ...string) {
	t.Helper()
	requireTFAcc(t)
	if !Live() {
		return
	}
	if reason := v.SkipReason(os.Getenv, extra...); reason != "" {
		t.Skip(reason)
	}
	if p := parallelism(); p != 1 {
		t.Fatalf("live %s: run live tests one at a time (go test -parallel 1, as make testacc-live does), not %d: "+
			"the tests of a vendor share its tenant, and each one's leak check must see only its own objects", v.Name, p)
	}
	t.Logf("live %s: objects of this run are named %s…", v.Name, NamePrefix())
	watchLeaks(t)
}

// parallelism is go test's -parallel value.
func parallelism() int {
	f := flag.Lookup("test.parallel")
	if f == nil {
		return 1
	}
	var n int
	if _, err := fmt.Sscan(f.Value.String(), &n); err != nil {
		return 0
	}
	return n
}

// NameStem starts the name of every object a live run creates, so leftovers
// of a failed run can be found.
const NameStem = "conduit-acc-"

var (
	runIDOnce sync.Once
	runID     string
	runIDRE   = regexp.MustCompile(`^[a-z0-9]{1,16}$`)
)

// NamePrefix is NameStem and this run's id.
func NamePrefix() string {
	runIDOnce.Do(func() {
		runID = os.Getenv(EnvRunID)
		if !runIDRE.MatchString(runID) {
			b := make([]byte, 3)
			_, _ = rand.Read(b)
			runID = hex.EncodeToString(b)
		}
	})
	return NameStem + runID + "-"
}

// Name is the name a test gives an object: base on the sandbox, where names
// are the test's own; base behind NamePrefix in a live run, so runs and their
// leftovers never collide with each other or with the tenant's objects.
func Name(base string) string {
	if !Live() {
		return base
	}
	return NamePrefix() + base
}
