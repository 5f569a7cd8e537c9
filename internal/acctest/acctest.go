// Package acctest holds what every acceptance test shares: the in-process
// provider, a sandbox per test, provider configuration pointing at it, and
// request-count checks.
package acctest

import (
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// Every model the acceptance tests read or write through base.Get and
// base.Set is compared with the framework's own Get and Set.
func init() { base.CheckModelsAgainstFramework() }

// ProviderFactories serves the provider in-process to the Terraform CLI; in a
// live run it also records what each test creates (see watchLeaks).
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"conduit": serveProvider(providerserver.NewProtocol6WithError(provider.New("acctest")())),
}

// Live reports whether the tests run against real services (CONDUIT_ACC_LIVE=1).
func Live() bool { return os.Getenv("CONDUIT_ACC_LIVE") == "1" }

// Sandbox is a running in-process sandbox for one test.
type Sandbox struct {
	*sandbox.Server
	URL   string
	Creds sandbox.Credentials
}

// StartSandbox starts a sandbox for the test and stops it at cleanup. In live
// mode it returns nil and tests use the real services from the environment.
func StartSandbox(t *testing.T) *Sandbox {
	t.Helper()
	if Live() {
		return nil
	}
	creds := sandbox.DefaultCredentials()
	sb := sandbox.NewWithCredentials(creds)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return &Sandbox{Server: sb, URL: srv.URL, Creds: creds}
}

// ProviderOptions shape the provider block pointing at a sandbox.
type ProviderOptions struct {
	MaxRetries int    // 0 keeps the provider's default (5)
	Timeout    string // request_timeout; empty keeps the provider's default
	// ClientCredentials configures Auth0 with client_id/client_secret
	// instead of a management API token.
	ClientCredentials bool
	// Omit leaves settings out: block to attribute.
	Omit map[string]string
}

// ProviderConfig is the provider block pointing at the sandbox, with a short
// request timeout so fault tests stay quick. Live runs use the environment.
func (s *Sandbox) ProviderConfig() string {
	if s == nil {
		return `provider "conduit" {}` + "\n"
	}
	return s.ProviderBlock(ProviderOptions{Timeout: "10s"})
}

// ProviderBlock is the provider block pointing at the sandbox, shaped by o.
func (s *Sandbox) ProviderBlock(o ProviderOptions) string {
	blocks := s.Creds.Blocks(s.URL)
	if o.ClientCredentials {
		delete(blocks["auth0"], "api_token")
		blocks["auth0"]["client_id"], blocks["auth0"]["client_secret"] = s.Creds.Auth0ClientID, s.Creds.Auth0ClientSecret
	}
	for block, attr := range o.Omit {
		delete(blocks[block], attr)
	}
	var b strings.Builder
	b.WriteString("provider \"conduit\" {\n")
	if o.MaxRetries > 0 {
		fmt.Fprintf(&b, "  max_retries = %d\n", o.MaxRetries)
	}
	if o.Timeout != "" {
		fmt.Fprintf(&b, "  request_timeout = %q\n", o.Timeout)
	}
	for _, block := range slices.Sorted(maps.Keys(blocks)) {
		fmt.Fprintf(&b, "  %s {\n", block)
		for _, attr := range slices.Sorted(maps.Keys(blocks[block])) {
			fmt.Fprintf(&b, "    %s = %q\n", attr, blocks[block][attr])
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// Env is the environment that points the provider at the sandbox.
func (s *Sandbox) Env() map[string]string { return provider.Env(s.Creds.Blocks(s.URL)) }

// Config prefixes a resource configuration with the sandbox provider block.
func (s *Sandbox) Config(body string) string { return s.ProviderConfig() + body }

// Reset is a PreConfig hook that zeroes the counters before a step.
func (s *Sandbox) Reset() {
	if s != nil {
		s.ResetCounts()
	}
}

// ExpectRequests checks that the step sent exactly these requests (route
// pattern to count) and no others. Live runs cannot count and pass through.
func (s *Sandbox) ExpectRequests(want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if s == nil {
			return nil
		}
		got := s.Counts()
		var diffs []string
		for k, v := range want {
			if got[k] != v {
				diffs = append(diffs, fmt.Sprintf("%s: want %d, got %d", k, v, got[k]))
			}
		}
		for k, v := range got {
			if _, ok := want[k]; !ok && v != 0 {
				diffs = append(diffs, fmt.Sprintf("%s: want 0, got %d", k, v))
			}
		}
		if len(diffs) > 0 {
			sort.Strings(diffs)
			return fmt.Errorf("unexpected request counts:\n  %s", strings.Join(diffs, "\n  "))
		}
		return nil
	}
}

// ExpectNoMutations checks that no POST, PUT, PATCH or DELETE reached the sandbox.
func (s *Sandbox) ExpectNoMutations() error {
	if s == nil {
		return nil
	}
	if n := sandbox.Mutations(s.Counts()); n != 0 {
		return fmt.Errorf("expected no mutating request, the sandbox saw %d: %v", n, s.Counts())
	}
	return nil
}

// ExpectObjects checks the vendor holds exactly these object keys.
func (s *Sandbox) ExpectObjects(vendor string, keys ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if s == nil {
			return nil
		}
		objs := s.Objects(vendor)
		var got []string
		for k := range objs {
			got = append(got, k)
		}
		sort.Strings(got)
		want := append([]string{}, keys...)
		sort.Strings(want)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			return fmt.Errorf("%s objects: want %v, got %v", vendor, want, got)
		}
		return nil
	}
}

// Env reads a variable for live runs.
func Env(name string) string { return os.Getenv(name) }

// ErrorMatching builds an ExpectError pattern from phrases that must appear in
// order; spaces match any whitespace, since Terraform wraps long messages.
func ErrorMatching(phrases ...string) *regexp.Regexp {
	quoted := make([]string, len(phrases))
	for i, p := range phrases {
		words := strings.Fields(p)
		for j := range words {
			words[j] = regexp.QuoteMeta(words[j])
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}
