package acctest

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Refusal is a configuration the provider must refuse, and the error it
// must refuse it with.
type Refusal struct {
	Config string
	Error  *regexp.Regexp
}

// Refusals is a test of configurations the provider refuses before it
// sends a request, or after exactly the requests it needs to learn why.
type Refusals struct {
	// Setup is a configuration applied first, e.g. the provider block that
	// list blocks use; empty: none.
	Setup string
	// Env is set for the test (e.g. a provider default emptied). A test
	// that sets it runs alone: t.Setenv rules out t.Parallel.
	Env   map[string]string
	Cases []Refusal
	// Requests is what the sandbox must have seen over the whole test,
	// exactly; nil: nothing.
	Requests map[string]int
}

// Emptied is a Refusals.Env that sets these variables empty, as for a
// provider configured without them.
func Emptied(names ...string) map[string]string {
	env := make(map[string]string, len(names))
	for _, n := range names {
		env[n] = ""
	}
	return env
}

// RunQueries runs each case as a query of its list blocks.
func (r Refusals) RunQueries(t *testing.T, sb *Sandbox) {
	t.Helper()
	r.run(t, sb, NeedsQuery, func(c Refusal) resource.TestStep {
		return resource.TestStep{Query: true, Config: c.Config, ExpectError: c.Error}
	})
}

// RunPlans runs each case as a plan of its configuration; versions are the
// Terraform versions the configurations need.
func (r Refusals) RunPlans(t *testing.T, sb *Sandbox, versions []tfversion.TerraformVersionCheck) {
	t.Helper()
	r.run(t, sb, versions, func(c Refusal) resource.TestStep {
		return resource.TestStep{Config: c.Config, PlanOnly: true, ExpectError: c.Error}
	})
}

func (r Refusals) run(t *testing.T, sb *Sandbox, versions []tfversion.TerraformVersionCheck, step func(Refusal) resource.TestStep) {
	t.Helper()
	var steps []resource.TestStep
	if r.Setup != "" {
		steps = append(steps, resource.TestStep{Config: r.Setup})
	}
	for _, c := range r.Cases {
		steps = append(steps, step(c))
	}
	test := resource.TestCase{TerraformVersionChecks: versions, ProtoV6ProviderFactories: ProviderFactories, Steps: steps}
	if len(r.Env) == 0 {
		resource.ParallelTest(t, test)
	} else {
		for k, v := range r.Env {
			t.Setenv(k, v)
		}
		resource.Test(t, test)
	}
	expectCounts(t, sb, "the refused configurations", r.Requests)
}

// RefuseQueryWithoutService runs the query of block on a provider with no
// settings for svc, neither its block nor any of its variables: it must
// fail naming the block, and these phrases, before any request.
func RefuseQueryWithoutService(t *testing.T, svc *client.Service, block string, phrases ...string) {
	t.Helper()
	RequireSandbox(t, "needs a provider without "+svc.Name+" settings")
	var env []string
	for _, st := range svc.Settings {
		env = append(env, st.Env...)
	}
	Refusals{
		Setup: `provider "conduit" {}`,
		Env:   Emptied(env...),
		Cases: []Refusal{{
			Config: block,
			Error:  ErrorMatching(append([]string{"The " + svc.Block + " service is not configured", `provider's "` + svc.Block + `" block`}, phrases...)...),
		}},
	}.RunQueries(t, nil)
}

// ProviderWithoutScope is the sandbox's provider block without svc's
// default scope (organization or namespace); with ScopeUnset as the
// environment, the provider has none.
func (s *Sandbox) ProviderWithoutScope(svc *client.Service) string {
	scope, _ := svc.ScopeSetting()
	return s.ProviderBlock(ProviderOptions{Timeout: "10s", Omit: map[string]string{svc.Block: scope.Attr}})
}

// ScopeUnset is a Refusals.Env that empties the variables of svc's default
// scope.
func ScopeUnset(svc *client.Service) map[string]string {
	scope, _ := svc.ScopeSetting()
	return Emptied(scope.Env...)
}

// RefuseQueryWithoutScope runs the query of block, which names no scope, on
// a provider without a default one for svc: it must fail with want, before
// any request.
func RefuseQueryWithoutScope(t *testing.T, sb *Sandbox, svc *client.Service, block string, want *regexp.Regexp) {
	t.Helper()
	Refusals{
		Setup: sb.ProviderWithoutScope(svc),
		Env:   ScopeUnset(svc),
		Cases: []Refusal{{Config: block, Error: want}},
	}.RunQueries(t, sb)
}
