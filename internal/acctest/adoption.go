package acctest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Adoption is the acceptance test of adopting a scope's objects made outside
// Terraform (issue 15): `terraform query -generate-config-out` writes an
// import and a resource block per object, `terraform apply` imports them all
// with no mutating request, and `terraform plan` then shows no change, each
// command sending exactly its budget. terraform-plugin-testing v1.16 cannot
// pass -generate-config-out to a Query step, so Run drives the CLI itself
// against the in-process provider (see Workdir).
type Adoption struct {
	// Type is the resource type, e.g. "conduit_org_connection".
	Type string
	// ListBlock is the query file's list block over the scope. Terraform
	// lists at most 100 results of a block without a limit, so it sets one
	// above the scope's size.
	ListBlock string
	// KeyAttribute is the attribute that tells the objects apart (also an
	// identity attribute), and Keys its value for each object made out of
	// band: the generated configuration and the state hold exactly these.
	KeyAttribute string
	Keys         []string
	// Scope is the identity's attributes every object shares (its
	// organization or namespace) with their values; the identity's other
	// attribute is KeyAttribute, equal to the state's.
	Scope map[string]string
	// The exact requests of the query, of the apply that imports, and of
	// the plan after it.
	QueryRequests, ImportRequests, PlanRequests map[string]int

	// Optional, for resources whose API never returns their secrets.

	// Config is added to main.tf, beside the provider block, and Files are
	// written before init (e.g. a variable and its tfvars).
	Config string
	Files  map[string]string
	// GeneratedPlanErrors, when set, are what the plan of the configuration
	// as generated must fail with, each matched anywhere in its error, with
	// no request sent.
	GeneratedPlanErrors []*regexp.Regexp
	// BeforeApply returns the generated configuration as the resource's
	// docs tell users to complete it; it may write other files into w.
	BeforeApply func(t *testing.T, w *Workdir, generated string) string
	// CheckState checks the state after the apply beyond the identities.
	CheckState func(t *testing.T, st *tfjson.State)
}

// StartAdoptionSandbox skips the test unless it runs on the sandbox (many
// objects and exact request counts) with a Terraform CLI that can generate
// configuration from a query (1.14), and starts the sandbox.
func StartAdoptionSandbox(t *testing.T) *Sandbox {
	t.Helper()
	RequireSandbox(t, "many objects and request counts need the sandbox")
	SkipBelow(t, tfversion.Version1_14_0, "terraform query -generate-config-out")
	return StartSandbox(t)
}

// Run adopts the objects a.Keys names through sb, checking each command.
func (a Adoption) Run(t *testing.T, sb *Sandbox) {
	t.Helper()
	w := NewWorkdir(t)
	w.Write("main.tf", TerraformBlock+sb.ProviderConfig()+a.Config)
	w.Write("adopt.tfquery.hcl", a.ListBlock)
	for name, content := range a.Files {
		w.Write(name, content)
	}
	w.Init()

	sb.Reset()
	w.QueryGenerate("generated.tf")
	expectCounts(t, sb, "query", a.QueryRequests)
	gen := w.Read("generated.tf")
	a.checkGenerated(t, gen)

	if a.GeneratedPlanErrors != nil {
		sb.Reset()
		msg := w.PlanError().Error()
		for _, want := range a.GeneratedPlanErrors {
			if !want.MatchString(msg) {
				t.Fatalf("the plan of the generated configuration does not match %q:\n%s", want, msg)
			}
		}
		expectCounts(t, sb, "the plan of the generated configuration", map[string]int{})
	}
	if a.BeforeApply != nil {
		gen = a.BeforeApply(t, w, gen)
		w.Write("generated.tf", gen)
	}

	sb.Reset()
	w.Apply()
	expectCounts(t, sb, "apply of the generated configuration", a.ImportRequests)
	st := w.State()
	a.checkIdentities(t, st)
	if a.CheckState != nil {
		a.CheckState(t, st)
	}

	sb.Reset()
	if changes, plan := w.Plan(); changes {
		t.Fatalf("the plan after adopting has changes:\n%s", plan)
	}
	expectCounts(t, sb, "plan after the import", a.PlanRequests)
}

// checkGenerated checks the generated configuration has one import and one
// resource block per object, and a block for every object.
func (a Adoption) checkGenerated(t *testing.T, gen string) {
	t.Helper()
	n := len(a.Keys)
	if got := strings.Count(gen, "import {"); got != n {
		t.Fatalf("want %d import blocks in the generated configuration, got %d:\n%s", n, got, gen)
	}
	if got := strings.Count(gen, fmt.Sprintf("resource %q", a.Type)); got != n {
		t.Fatalf("want %d resource blocks in the generated configuration, got %d", n, got)
	}
	block := regexp.MustCompile(`(?s)resource "` + regexp.QuoteMeta(a.Type) + `" "[^"]+" \{\n.*?\n\}\n`)
	if got := len(block.FindAllString(gen, -1)); got != n {
		t.Fatalf("want %d whole resource blocks in the generated configuration, got %d", n, got)
	}
	for _, key := range a.Keys {
		line := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(a.KeyAttribute) + `\s+= "` + regexp.QuoteMeta(key) + `"$`)
		if !line.MatchString(gen) {
			t.Fatalf("the generated configuration has no block for %s = %q:\n%s", a.KeyAttribute, key, gen)
		}
	}
}

// checkIdentities checks the state holds exactly the adopted objects, each
// of a.Type with the identity of its own scope and key.
func (a Adoption) checkIdentities(t *testing.T, st *tfjson.State) {
	t.Helper()
	resources := st.Values.RootModule.Resources
	if got := len(resources); got != len(a.Keys) {
		t.Fatalf("want %d resources in state, got %d", len(a.Keys), got)
	}
	var keys []string
	for _, r := range resources {
		if r.Type != a.Type {
			t.Fatalf("%s in state: want only %s", r.Address, a.Type)
		}
		key, _ := r.AttributeValues[a.KeyAttribute].(string)
		matches := len(r.IdentityValues) == len(a.Scope)+1 && r.IdentityValues[a.KeyAttribute] == key
		for k, v := range a.Scope {
			matches = matches && r.IdentityValues[k] == v
		}
		if !matches {
			t.Fatalf("%s: identity %v does not match its state (scope %v, %s = %q)", r.Address, r.IdentityValues, a.Scope, a.KeyAttribute, key)
		}
		keys = append(keys, key)
	}
	if !sameMultiset(keys, a.Keys) {
		t.Fatalf("want the objects %q in state, got %q", slices.Sorted(slices.Values(a.Keys)), slices.Sorted(slices.Values(keys)))
	}
}

// expectCounts fails the test unless the sandbox saw exactly want since its
// last reset.
func expectCounts(t *testing.T, sb *Sandbox, what string, want map[string]int) {
	t.Helper()
	if err := sb.ExpectRequests(want)(nil); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
