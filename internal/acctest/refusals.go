package acctest

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
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
